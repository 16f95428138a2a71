export { confirmOnTerminal } from './confirm.js';
export { describeCloud } from './describe-cloud.js';
export {
  LocalCloudAlreadyRunning,
  LocalCloudInUse,
  LocalCloudNotStarted,
  LocalCloudStopTimedOut,
} from './errors.js';
export { type StartDetachedOptions, startDetached } from './start-detached.js';
export { type StopServerOptions, stopServer } from './stop-server.js';
