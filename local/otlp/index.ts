export { type SpanRecord, spanRecordsOf } from './span-log-events.js';
export type { OtlpReceiver, OtlpReceiverOptions } from './start-otlp-receiver.js';
export { startOtlpReceiver } from './start-otlp-receiver.js';
