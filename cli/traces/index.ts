export { readProjectSpans, type SpansRead } from './read-spans.js';
export { isProjectSpan, type Span, serviceNameOf, spanOf } from './span.js';
export { summarizeTraces, type TraceSummary } from './summarize-traces.js';
export { renderTraceTree, type TraceNode, traceTree } from './trace-tree.js';
