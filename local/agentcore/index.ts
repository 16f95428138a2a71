export type { AgentCoreAuthorization, AgentCoreAuthorize, AgentCoreIamRequest } from './iam-requests.js';
export { startAgentCoreEmulator } from './start-agent-core-emulator.js';
export type {
  AgentCoreEmulator,
  AgentCoreEmulatorOptions,
  EcrImageRecord,
  HarnessInvocationRecord,
  RecordedCall,
} from './types.js';
