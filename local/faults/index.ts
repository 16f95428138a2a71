export type { Fault, FaultInjector } from './fault-injector.js';
export { createFaultInjector, FaultKind } from './fault-injector.js';
export type { FaultFlag } from './parse-fault-flag.js';
export { parseFaultFlag } from './parse-fault-flag.js';
