export type { CallRecorder, RecordedServiceCall } from './call-recorder.js';
export { createCallRecorder } from './call-recorder.js';
export { callerOf, InternalCaller } from './caller-of.js';
export type { Fault, FaultInjector, FaultInjectorOptions } from './fault-injector.js';
export { createFaultInjector, FaultKind } from './fault-injector.js';
export type { FaultFlag } from './parse-fault-flag.js';
export { parseFaultFlag } from './parse-fault-flag.js';
