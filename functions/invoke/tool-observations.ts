import type { ToolCallKind, ToolCallObservation } from '../../core/receipt/index.js';

const SandboxTools = new Set([
  'shell',
  'file_operations',
  'code_interpreter',
  'executeCode',
  'executeCommand',
  'fileOperations',
]);
const BrowserTools = new Set(['browser', 'agentcore_browser']);

/** Classifies a harness stream tool use: MCP when it names a server, else skills, browser or sandbox by name. */
export function harnessToolKind(
  name: string,
  serverName: string | undefined,
): { kind: ToolCallKind; target: string } {
  if (serverName) return { kind: 'mcp', target: serverName };
  if (name === 'skills') return { kind: 'skills', target: name };
  if (BrowserTools.has(name)) return { kind: 'browser', target: name };
  if (SandboxTools.has(name)) return { kind: 'sandbox', target: name };
  return { kind: 'other', target: name };
}

/** One entry of the generated runtime's `trace` (DESIGN §4.5), with the compiler's extra fields. */
export interface RuntimeTraceEntry {
  readonly agent: string;
  readonly tool: string;
  readonly depth: number;
  readonly ok: boolean;
  readonly kind?: string;
  readonly server?: string;
}

/** Turns the runtime's trace into observations at every depth. */
export function runtimeObservations(trace: readonly RuntimeTraceEntry[]): ToolCallObservation[] {
  return trace.map((entry) => {
    const base = { tool: entry.tool, agent: entry.agent, depth: entry.depth, ok: entry.ok };
    switch (entry.kind) {
      case 'subagent':
        return { ...base, kind: 'subagent', target: entry.tool };
      case 'mcp':
        return { ...base, kind: 'mcp', target: entry.server ?? entry.tool };
      case 'skill':
        return { ...base, kind: 'skills', target: 'skills' };
      case 'builtin':
        return { ...base, kind: BrowserTools.has(entry.tool) ? 'browser' : 'sandbox', target: entry.tool };
      default:
        return { ...base, kind: 'other', target: entry.tool };
    }
  });
}
