export { type ClientFactory, type ClientOverrides, clientFactory, clientOptions } from './clients.js';
export { type PipelineConfig, readConfig, ServiceName } from './config.js';
export { DetailType, EventSource } from './detail-types.js';
export * from './errors.js';
export { type EventValidation, eventSchemas, validateEventDetail } from './event-schemas.js';
export * from './store/index.js';
