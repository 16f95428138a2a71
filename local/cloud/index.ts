export type { LocalClientConfig } from './client-config.js';
export { LocalCredentials, localClientConfig } from './client-config.js';
export { LocalDataMarker } from './local-data-marker.js';
export { AwsLocalServices, LocalService, LocalServiceAliases, localServiceOf } from './local-service.js';
export type { LocalCloud, LocalCloudOptions } from './start-local-cloud.js';
export { LocalResources, startLocalCloud } from './start-local-cloud.js';
