export { InvokeFailed, ProjectNotDeployed } from './errors.js';
export { type InvokeAnswer, type InvokeOptions, invokeAgent } from './invoke-agent.js';
export { promotedEndpoint } from './promoted-endpoint.js';
export {
  checkSessionId,
  newSessionId,
  readSession,
  type SessionPlace,
  sessionFilePath,
  writeSession,
} from './session-file.js';
