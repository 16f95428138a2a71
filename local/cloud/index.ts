export type { LocalClientConfig, LocalSdkOptions, LocalSdkSettings } from './client-config.js';
export {
  DefaultLocalRequestTimeoutMs,
  LocalCredentials,
  localClientConfig,
  localSdkSettings,
} from './client-config.js';
export { dataDirHolder } from './data-dir-lock.js';
export { LocalDataMarker } from './local-data-marker.js';
export type { LocalIam } from './local-iam.js';
export { LocalResourceNames, localFunctionName } from './local-physical-names.js';
export { localRetryStrategy, SdkMaxAttempts, type SdkRetryStrategy } from './local-retry-strategy.js';
export { LocalService, localServiceOf } from './local-service.js';
export type { PipelineFunctionName } from './pipeline-functions.js';
export { FinalizerPrincipal, principalCredentials, StateMachinePrincipal } from './pipeline-functions.js';
export type { LocalCloud, LocalCloudOptions } from './start-local-cloud.js';
export { startLocalCloud } from './start-local-cloud.js';
