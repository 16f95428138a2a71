import { builtinCellOf, type ToolCallKind, type ToolCallObservation } from '../../core/receipt/index.js';

/** Classifies a harness stream tool use: MCP when it names a server, else skills, browser or sandbox by name. */
export function harnessToolKind(
  name: string,
  serverName: string | undefined,
): { kind: ToolCallKind; target: string } {
  if (serverName) return { kind: 'mcp', target: serverName };
  return { kind: builtinCellOf(name) ?? 'other', target: name };
}

/** One entry of the generated runtime's `trace` (DESIGN §4.5), with the compiler's extra fields. */
export interface RuntimeTraceEntry {
  readonly agent: string;
  readonly tool: string;
  readonly depth: number;
  readonly ok: boolean;
  readonly kind?: string;
  readonly server?: string;
  /** An excerpt of the result or error. */
  readonly detail?: string;
}

/** Turns the runtime's trace into observations at every depth. */
export function runtimeObservations(trace: readonly RuntimeTraceEntry[]): ToolCallObservation[] {
  return trace.map((entry) => {
    const base = {
      tool: entry.tool,
      agent: entry.agent,
      depth: entry.depth,
      ok: entry.ok,
      detail: typeof entry.detail === 'string' ? entry.detail : null,
    };
    switch (entry.kind) {
      case 'subagent':
        return { ...base, kind: 'subagent', target: entry.tool };
      case 'mcp':
        return { ...base, kind: 'mcp', target: entry.server ?? entry.tool };
      case 'skill':
        return { ...base, kind: 'skills', target: 'skills' };
      case 'builtin':
        // The runtime wires the Code Interpreter's tools as built-ins: a name not known as another cell is one.
        return { ...base, kind: builtinCellOf(entry.tool) ?? 'sandbox', target: entry.tool };
      default:
        return { ...base, kind: 'other', target: entry.tool };
    }
  });
}
