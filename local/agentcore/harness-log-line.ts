/** What one harness invocation did, as its log line says it. */
export interface HarnessInvocationSummary {
  readonly runtimeSessionId: string;
  readonly qualifier: string;
  readonly version: string;
  readonly modelCalls: number;
  readonly durationMs: number;
  readonly usage: {
    readonly inputTokens: number;
    readonly outputTokens: number;
    readonly totalTokens: number;
  };
  readonly builtinToolCalls: readonly string[];
  readonly skills: readonly string[];
  readonly skippedMcpServers: readonly { readonly name: string }[];
  /** The agent's failure, if it failed. */
  readonly failure: string | undefined;
}

/**
 * The harness's own JSON log line for one invocation (its endpoint's log group): session, endpoint, version, model
 * calls, tokens, built-in tools and skills used, MCP servers skipped, and the failure if any. Never the prompt or
 * the answer.
 */
export function harnessLogLine(summary: HarnessInvocationSummary): string {
  const { failure, builtinToolCalls, skills, skippedMcpServers, ...facts } = summary;
  return JSON.stringify({
    level: failure === undefined ? 'info' : 'error',
    message: failure === undefined ? 'invocation completed' : 'invocation failed',
    ...facts,
    ...(builtinToolCalls.length > 0 ? { builtinToolCalls } : {}),
    ...(skills.length > 0 ? { skills } : {}),
    ...(skippedMcpServers.length > 0
      ? { skippedMcpServers: skippedMcpServers.map((server) => server.name) }
      : {}),
    ...(failure !== undefined ? { error: failure } : {}),
  });
}
