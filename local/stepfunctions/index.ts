export type { ExecutionRecord, ExecutionRecorder, HistoryEventJson } from './execution-record.js';
export { recordExecution } from './execution-record.js';
export type { StepFunctionsEmulator, StepFunctionsEmulatorOptions } from './start-step-functions-emulator.js';
export { KeptExecutions, startStepFunctionsEmulator } from './start-step-functions-emulator.js';
