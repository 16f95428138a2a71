export { type ConsoleLink, consoleLinks } from './console-links.js';
export { escapeHtml } from './escape-html.js';
export { pagePlanOf } from './page-plan-of.js';
export { type ReceiptPageInput, type ReceiptPagePlan, renderReceiptPage } from './receipt-page.js';
export { type TeamShape, type TraceNode, traceTree } from './trace-tree.js';
