export type { ObjectVersion } from './object-versions.js';
export { ObjectVersions } from './object-versions.js';
export type { S3ObjectChange } from './s3-eventbridge-event.js';
export { S3EventReason, s3EventBridgeEvent } from './s3-eventbridge-event.js';
export { s3IamRequests } from './s3-iam-requests.js';
export type { S3Request } from './s3-operation.js';
export { s3RequestOf } from './s3-operation.js';
export type { S3Emulator, S3EmulatorOptions } from './start-s3-emulator.js';
export { startS3Emulator } from './start-s3-emulator.js';
