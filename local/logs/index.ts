export { datedStreamName } from './dated-stream-name.js';
export type { VendedLogWriter } from './deliver-vended-logs.js';
export { deliveryArn } from './delivery-operations.js';
export { logGroupArn } from './log-operations.js';
export { StreamsPerGroup } from './log-store.js';
export type { LogLine, LogsEmulator, LogsEmulatorOptions, LogWriter } from './start-logs-emulator.js';
export { startLogsEmulator } from './start-logs-emulator.js';
