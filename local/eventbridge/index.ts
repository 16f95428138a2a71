export type { EventBridgeEvent, EventPattern } from './event-pattern.js';
export { matchesEventPattern } from './event-pattern.js';
export { isoSeconds } from './iso-seconds.js';
export type {
  BusEvent,
  EventBridgeEmulator,
  EventBridgeEmulatorOptions,
  EventRule,
} from './start-eventbridge-emulator.js';
export { startEventBridgeEmulator } from './start-eventbridge-emulator.js';
