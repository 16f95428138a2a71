import type { Span } from './span.js';

/** A span with the spans started under it, in start order. */
export interface TraceNode {
  readonly span: Span;
  readonly children: readonly TraceNode[];
}

/**
 * The spans of one trace as trees: a span whose parent is not among them is a root — AgentCore's own span of the
 * call (`InvokeAgentRuntime`, or a harness's `invoke_agent`), the runtime agent's `agentdrop.invocation` when no
 * AgentCore span was delivered, or a span whose parent was not exported.
 */
export function traceTree(spans: readonly Span[]): TraceNode[] {
  const ids = new Set(spans.map((s) => s.spanId));
  const childrenOf = new Map<string, Span[]>();
  const roots: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.startTimeUnixNano - b.startTimeUnixNano)) {
    if (span.parentSpanId !== undefined && ids.has(span.parentSpanId)) {
      const list = childrenOf.get(span.parentSpanId) ?? [];
      list.push(span);
      childrenOf.set(span.parentSpanId, list);
    } else {
      roots.push(span);
    }
  }
  const build = (span: Span): TraceNode => ({
    span,
    children: (childrenOf.get(span.spanId) ?? []).map(build),
  });
  return roots.map(build);
}

/**
 * The tree as text, one span a line: `invoke_agent coordinator  1.2s`, subagents and tools indented under the
 * span that called them, `chat` lines with their tokens, `✗` on a span that failed.
 */
export function renderTraceTree(roots: readonly TraceNode[], formatMs: (ms: number) => string): string {
  const lines: string[] = [];
  const visit = (node: TraceNode, prefix: string, last: boolean, top: boolean): void => {
    const branch = top ? '' : last ? '└─ ' : '├─ ';
    lines.push(`${prefix}${branch}${labelOf(node.span, formatMs)}`);
    const childPrefix = top ? prefix : `${prefix}${last ? '   ' : '│  '}`;
    node.children.forEach((child, index) => {
      visit(child, childPrefix, index === node.children.length - 1, false);
    });
  };
  for (const root of roots) visit(root, '', true, true);
  return `${lines.join('\n')}\n`;
}

function labelOf(span: Span, formatMs: (ms: number) => string): string {
  const parts = [span.name, formatMs(Math.round(span.durationNano / 1e6))];
  const input = span.attributes['gen_ai.usage.input_tokens'];
  const output = span.attributes['gen_ai.usage.output_tokens'];
  if (span.name === 'chat' && typeof input === 'number' && typeof output === 'number') {
    parts.push(`${input}→${output} tokens`);
  }
  const model = span.attributes['gen_ai.request.model'];
  if (span.name === 'chat' && typeof model === 'string') parts.push(model);
  if (span.status.code === 'ERROR') parts.push('✗ error');
  return parts.join('  ');
}
