import type { Cell, ToolCallKind, ToolCallObservation } from '../../../core/receipt/index.js';

/** What the tree knows of the deployed team: who delegates to whom and what each agent may call. */
export interface TeamShape {
  /** The entry agent. */
  readonly root: string | null;
  readonly agents: readonly {
    readonly name: string;
    readonly subagents: readonly string[];
    readonly mcp: readonly { readonly server: string }[];
    readonly skills: readonly string[];
  }[];
}

/** One node of the smoke test's trace: an agent, or what an agent called or could call. */
export interface TraceNode {
  readonly kind: 'agent' | ToolCallKind;
  /** Agent, MCP server or tool name. */
  readonly name: string;
  /** The receipt cell that proves this node (with its state and evidence), or null when none does. */
  readonly cell: Cell | null;
  /** The calls this node received from its parent agent, in call order; empty for one it did not call. */
  readonly calls: readonly ToolCallObservation[];
  /** Whether the parent agent called it (false: configured, not called by this agent). */
  readonly called: boolean;
  readonly children: readonly TraceNode[];
}

/**
 * The smoke test as a tree (agents → tools → MCP servers and skills): under each agent, what it called in call
 * order, a subagent holding its own calls, then what it was configured with but did not call. Each node carries
 * the cell that proves it. Without the team's shape (the stored plan is gone) the tree shows the calls only.
 */
export function traceTree(
  trace: readonly ToolCallObservation[],
  cells: readonly Cell[],
  team: TeamShape | null,
): TraceNode {
  const cellsByName = new Map(cells.map((cell) => [cell.cell, cell]));
  const agents = new Map((team?.agents ?? []).map((agent) => [agent.name, agent]));
  const root = team?.root ?? trace.find((call) => call.depth === 0)?.agent ?? 'agent';

  const agentChildren = (name: string, path: readonly string[]): TraceNode[] => {
    const calls = trace.filter((call) => call.agent === name);
    const children: TraceNode[] = [];
    const keyOf = (kind: string, target: string): string => `${kind}:${target}`;
    const placed = new Set<string>();
    for (const call of calls) {
      const key = keyOf(call.kind, call.target);
      if (placed.has(key)) continue;
      placed.add(key);
      children.push(
        node(
          call.kind,
          call.target,
          calls.filter((other) => keyOf(other.kind, other.target) === key),
          path,
        ),
      );
    }
    const configured = agents.get(name);
    for (const subagent of configured?.subagents ?? []) {
      if (!placed.has(keyOf('subagent', subagent))) children.push(node('subagent', subagent, [], path));
    }
    for (const { server } of configured?.mcp ?? []) {
      if (!placed.has(keyOf('mcp', server))) children.push(node('mcp', server, [], path));
    }
    if ((configured?.skills.length ?? 0) > 0 && !calls.some((call) => call.kind === 'skills')) {
      children.push(node('skills', 'skills', [], path));
    }
    return children;
  };

  const node = (
    kind: ToolCallKind,
    name: string,
    calls: readonly ToolCallObservation[],
    path: readonly string[],
  ): TraceNode => ({
    kind,
    name,
    cell: cellsByName.get(cellName(kind, name)) ?? null,
    calls,
    called: calls.length > 0,
    // A subagent holds its own calls; a cycle (refused by the planner) would stop at the repeated agent.
    children: kind === 'subagent' && !path.includes(name) ? agentChildren(name, [...path, name]) : [],
  });

  return {
    kind: 'agent',
    name: root,
    cell: cellsByName.get('agent') ?? null,
    calls: [],
    called: true,
    children: agentChildren(root, [root]),
  };
}

/** The receipt cell of a node (`subagent:<name>`, `mcp:<server>`, `skills`, `browser`, `sandbox`). */
function cellName(kind: ToolCallKind, name: string): string {
  if (kind === 'subagent' || kind === 'mcp') return `${kind}:${name}`;
  return kind;
}
