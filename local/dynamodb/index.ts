export { agentdropTable } from './agentdrop-table.js';
export type { CreateTableInput } from './call-dynamodb.js';
export { callDynamoDb } from './call-dynamodb.js';
export type { DynamoDbEmulator, DynamoDbEmulatorOptions } from './start-dynamodb-emulator.js';
export { startDynamoDbEmulator } from './start-dynamodb-emulator.js';
