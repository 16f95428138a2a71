import type { BuiltinCell } from './prompt-asks-for.js';

/** The state of one receipt cell (DESIGN §4.6). */
export const CellState = {
  Exercised: 'EXERCISED',
  Wired: 'WIRED',
  NotProven: 'NOT-PROVEN',
  Fail: 'FAIL',
} as const;
export type CellState = (typeof CellState)[keyof typeof CellState];

/** One line of a receipt: what was proven about one capability of the deployed agent. */
export interface Cell {
  /**
   * What happened to the resource (`create`, `update`, `recreate` or `replace`), `agent`, `subagent:<name>`,
   * `mcp:<server>`, `skills`, `browser` or `sandbox`.
   */
  readonly cell: string;
  readonly state: CellState;
  /** A sentence for a person. */
  readonly reason: string;
  /** The objective evidence (trace entry, stream event, status), or null when there is none. */
  readonly evidence: string | null;
}

/** What a tool call reached, as the invoke step classified it from the runtime trace or harness stream. */
export const ToolCallKind = {
  Subagent: 'subagent',
  Mcp: 'mcp',
  Skills: 'skills',
  Browser: 'browser',
  Sandbox: 'sandbox',
  Other: 'other',
} as const;
export type ToolCallKind = (typeof ToolCallKind)[keyof typeof ToolCallKind];

/** One tool call observed during the smoke test, at any depth. */
export interface ToolCallObservation {
  readonly kind: ToolCallKind;
  /** Subagent name, MCP server name, or the tool name for the other kinds. */
  readonly target: string;
  /** The tool as the model called it. */
  readonly tool: string;
  /** The agent that made the call. */
  readonly agent: string;
  /** 0 for the entry agent, 1 for its subagents, and so on. */
  readonly depth: number;
  readonly ok: boolean;
  /** An excerpt of the call's result or error, or null when none was observed. */
  readonly detail: string | null;
}

/** Whether the smoke test could reach an MCP server. */
export const McpReachability = {
  /** Nothing says it cannot be reached. */
  Reachable: 'reachable',
  /** It is outside the local cloud, which has no internet (DESIGN §5.1). */
  OutsideLocalCloud: 'outside-local-cloud',
  /** The deployed agent tried to connect to it and failed. */
  ConnectFailed: 'connect-failed',
} as const;
export type McpReachability = (typeof McpReachability)[keyof typeof McpReachability];

/** An MCP server the deployed agents are configured with. */
export interface McpServerObservation {
  readonly name: string;
  readonly reachability: McpReachability;
}

/** Everything the classification needs, gathered by the invoke step; pure data. */
export interface SmokeObservations {
  /** The plan's decision; `skip` has no `create` cell. */
  readonly decision: 'create' | 'update' | 'recreate' | 'replace' | 'skip';
  /** Whether the resource reached READY in this run. */
  readonly readyReached: boolean;
  /** The final reply text, or null when there was none. */
  readonly reply: string | null;
  /** The error event or invocation error, or null. */
  readonly error: string | null;
  /** `smoke.expect` (ECMAScript regex, flag `u`), or null. */
  readonly expect: string | null;
  /** Every subagent of the team at every depth (runtime teams), entry agent's first, in declared order. */
  readonly subagents: readonly string[];
  readonly mcpServers: readonly McpServerObservation[];
  /** Whether any agent has skills. */
  readonly skills: boolean;
  readonly browser: boolean;
  readonly sandbox: boolean;
  /**
   * `browser` and `sandbox` when the cloud the smoke test ran on does not provide them (the local cloud has
   * no Browser and no Code Interpreter, DESIGN §8): their cells stay WIRED, saying so, even when called.
   */
  readonly unavailable: readonly BuiltinCell[];
  /** Cell names the smoke prompt asked to exercise: missing evidence for them is NOT-PROVEN, not WIRED. */
  readonly proofRequested: readonly string[];
  readonly toolCalls: readonly ToolCallObservation[];
}
