import { datedStreamName } from '../logs/index.js';

/**
 * The stream an agent's vended logs go to in a delivery's destination group: the resource id, then a dated
 * stream (`<id>/2026/12/04/[agent-logs]<session or container>`), so one group holds every agent's streams and a
 * reader finds one agent's by prefix.
 */
export function deliveredStream(resourceId: string, at: number, id: string): string {
  return `${resourceId}/${datedStreamName(at, 'agent-logs', id)}`;
}

/** What one invocation used, as its usage line says it. */
export interface InvocationUsage {
  readonly resourceArn: string;
  readonly runtimeSessionId: string;
  readonly qualifier: string;
  readonly version: string;
  readonly durationMs: number;
  /** The model tokens, when the service counts them (the harness does; a runtime's container does its own). */
  readonly usage?: {
    readonly inputTokens: number;
    readonly outputTokens: number;
    readonly totalTokens: number;
  };
}

/** The JSON usage line (USAGE_LOGS) of one invocation: resource, session, endpoint, version, duration, tokens. */
export function usageLogLine(invocation: InvocationUsage): string {
  return JSON.stringify({ level: 'info', message: 'invocation usage', ...invocation });
}
