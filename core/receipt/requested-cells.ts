import { BuiltinCell, promptAsksForBuiltin, promptNames } from './prompt-asks-for.js';

/** What {@link requestedCells} and {@link teamSubagents} read of a planned agent. */
export interface TeamAgent {
  readonly name: string;
  /** Subagent names in declared order. */
  readonly subagents: readonly string[];
  readonly mcp: readonly { readonly server: string; readonly allowedTools: readonly string[] | null }[];
}

/** Every subagent of the team at every depth, breadth first from the entry agent, in declared order. */
export function teamSubagents(agents: readonly TeamAgent[], root: string | null): string[] {
  const byName = new Map(agents.map((agent) => [agent.name, agent]));
  const found: string[] = [];
  const queue = [root ?? ''];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const name of byName.get(next)?.subagents ?? []) {
      if (found.includes(name) || name === root) continue;
      found.push(name);
      queue.push(name);
    }
  }
  return found;
}

/**
 * Cells a smoke prompt asks to prove (DESIGN §4.6): a subagent or MCP server it names (or one of the
 * server's allowed tools), a built-in it asks for by word ("skills", "browser", "sandbox"), `skills` when it
 * names a skill. The local cloud's scripted model calls the tools the same words ask for
 * (`promptAsksForTool`), so what is asked for is what is called. The default prompt asks for none.
 */
export function requestedCells(
  prompt: string,
  agents: readonly TeamAgent[],
  root: string | null,
  skillNames: readonly string[],
): string[] {
  const cells = [
    ...teamSubagents(agents, root).flatMap((name) => (promptNames(prompt, name) ? [`subagent:${name}`] : [])),
    ...agents.flatMap((agent) =>
      agent.mcp.flatMap((server) =>
        [server.server, ...(server.allowedTools ?? [])].some((name) => promptNames(prompt, name))
          ? [`mcp:${server.server}`]
          : [],
      ),
    ),
    ...Object.values(BuiltinCell).filter((cell) => promptAsksForBuiltin(prompt, cell)),
    ...(skillNames.some((name) => promptNames(prompt, name.split('/').at(-1) ?? ''))
      ? [BuiltinCell.Skills]
      : []),
  ];
  return [...new Set(cells)];
}
