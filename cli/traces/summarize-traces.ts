import type { Span } from './span.js';

/** One invocation of a runtime agent, as `agentdrop traces` lists it. */
export interface TraceSummary {
  readonly traceId: string;
  /** Epoch milliseconds of the earliest span. */
  readonly startedAt: number;
  readonly durationMs: number;
  /**
   * The entry agent (the earliest `invoke_agent` span: a harness's own, or the runtime's entry agent; AgentCore's
   * `InvokeAgentRuntime` span is not one), or null when no agent span arrived.
   */
  readonly agent: string | null;
  /** Summed over the model calls (`chat` spans); null when no span reported usage. */
  readonly tokens: { readonly input: number; readonly output: number } | null;
  /** Tool names in call order, subagents included. */
  readonly tools: readonly string[];
  /** Names of the spans that ended in error. */
  readonly errors: readonly string[];
  readonly spans: number;
}

/**
 * The traces among `spans`, newest first: one per invocation, AgentCore's own span of the call and the agent's
 * spans under it sharing the trace id (the runtime agent continues the `traceparent` AgentCore sends).
 */
export function summarizeTraces(spans: readonly Span[]): TraceSummary[] {
  const byTrace = new Map<string, Span[]>();
  for (const span of spans) {
    const list = byTrace.get(span.traceId) ?? [];
    list.push(span);
    byTrace.set(span.traceId, list);
  }
  return [...byTrace.entries()]
    .map(([traceId, list]) => summaryOf(traceId, list))
    .sort((a, b) => b.startedAt - a.startedAt);
}

function summaryOf(traceId: string, spans: Span[]): TraceSummary {
  const ordered = [...spans].sort((a, b) => a.startTimeUnixNano - b.startTimeUnixNano);
  const start = Math.min(...ordered.map((s) => s.startTimeUnixNano));
  const end = Math.max(...ordered.map((s) => s.startTimeUnixNano + s.durationNano));
  const entry = ordered.find((s) => s.name.startsWith('invoke_agent '));
  let input = 0;
  let output = 0;
  let reported = false;
  for (const span of ordered) {
    if (span.name !== 'chat') continue;
    const used = [
      span.attributes['gen_ai.usage.input_tokens'],
      span.attributes['gen_ai.usage.output_tokens'],
    ];
    if (used.every((n) => typeof n !== 'number')) continue;
    reported = true;
    input += Number(used[0] ?? 0);
    output += Number(used[1] ?? 0);
  }
  return {
    traceId,
    startedAt: Math.floor(start / 1e6),
    durationMs: Math.round((end - start) / 1e6),
    agent: entry === undefined ? null : entry.name.slice('invoke_agent '.length),
    tokens: reported ? { input, output } : null,
    tools: ordered
      .filter((s) => s.name.startsWith('execute_tool '))
      .map((s) => s.name.slice('execute_tool '.length)),
    errors: ordered.filter((s) => s.status.code === 'ERROR').map((s) => s.name),
    spans: ordered.length,
  };
}
