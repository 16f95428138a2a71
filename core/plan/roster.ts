import { type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import type { AgentSource } from '../folder/index.js';

/** Most subagents one agent may list (spec §3.9). */
const MaxSubagents = 50;

/** Who receives prompts and who is deployed (spec §3.9). */
export interface Roster {
  /** The entry agent, or null when none could be chosen (errors say why). */
  readonly entry: string | null;
  /** The deployed set: the entry and everything reachable from it (all agents when there is no entry). */
  readonly deployed: ReadonlySet<string>;
  /** Agents left out by `skipUnsupported` because they are unreachable. */
  readonly removed: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Checks subagent references, cycles and the entry, and computes the deployed set. `entry` comes from
 * a flag or the manifest; without it the unique root is the entry.
 */
export function buildRoster(
  agents: readonly AgentSource[],
  entry: string | undefined,
  skipUnsupported: boolean,
): Roster {
  const diagnostics: Diagnostic[] = [];
  const byName = new Map(agents.map((agent) => [agent.name, agent]));
  const edges = new Map<string, string[]>();
  for (const agent of agents) {
    const where = `agent:${agent.name}`;
    if (agent.subagents.length > MaxSubagents) {
      diagnostics.push(
        makeDiagnostic(
          'subagent.too_many',
          where,
          `Agent '${agent.name}' lists ${agent.subagents.length} subagents; at most ${MaxSubagents} are allowed.`,
        ),
      );
    }
    const known: string[] = [];
    for (const sub of agent.subagents) {
      if (byName.has(sub)) known.push(sub);
      else
        diagnostics.push(
          makeDiagnostic(
            'subagent.missing',
            where,
            `Agent '${agent.name}' lists subagent '${sub}', which is no agent of this project.`,
          ),
        );
    }
    edges.set(agent.name, known);
  }
  diagnostics.push(...findCycles(agents, edges));

  const listed = new Set([...edges.values()].flat());
  const roots = agents.map((a) => a.name).filter((name) => !listed.has(name));
  let chosen: string | null = null;
  if (entry !== undefined) {
    if (byName.has(entry)) chosen = entry;
    else
      diagnostics.push(
        makeDiagnostic(
          'project.entry_missing',
          'project',
          `entry '${entry}' names no agent; agents: ${agents.map((a) => a.name).join(', ')}.`,
        ),
      );
  } else if (roots.length === 1) {
    chosen = roots[0]!;
  } else if (roots.length > 1) {
    diagnostics.push(
      makeDiagnostic(
        'project.multiple_roots',
        'project',
        `Several agents are listed by no one (${roots.join(', ')}); set entry in agentdrop.yaml to choose the one that receives prompts.`,
      ),
    );
  }
  if (chosen === null) return { entry: null, deployed: new Set(byName.keys()), removed: [], diagnostics };

  const deployed = reachableFrom(chosen, edges);
  const removed: string[] = [];
  for (const agent of agents) {
    if (deployed.has(agent.name)) continue;
    diagnostics.push(
      makeDiagnostic(
        'agent.unreachable',
        `agent:${agent.name}`,
        `Agent '${agent.name}' cannot be reached from entry '${chosen}'${skipUnsupported ? ' and is left out (skipUnsupported)' : ''}.`,
        skipUnsupported ? 'warning' : 'error',
      ),
    );
    if (skipUnsupported) removed.push(agent.name);
  }
  return {
    entry: chosen,
    deployed: skipUnsupported ? deployed : new Set(byName.keys()),
    removed,
    diagnostics,
  };
}

function reachableFrom(start: string, edges: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const next of edges.get(queue.shift()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/** Reports each delegation cycle once, printed from its smallest name (`lead → triage → lead`). */
function findCycles(
  agents: readonly AgentSource[],
  edges: ReadonlyMap<string, readonly string[]>,
): Diagnostic[] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  const visit = (name: string): void => {
    state.set(name, 'open');
    stack.push(name);
    for (const next of edges.get(name) ?? []) {
      const status = state.get(next);
      if (status === 'open') {
        const cycle = stack.slice(stack.indexOf(next));
        const start = cycle.indexOf([...cycle].sort()[0]!);
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        const text = [...rotated, rotated[0]].join(' → ');
        if (!seen.has(text)) {
          seen.add(text);
          out.push(makeDiagnostic('subagent.cycle', `agent:${rotated[0]}`, `Delegation cycle: ${text}.`));
        }
      } else if (status === undefined) visit(next);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const agent of agents) if (!state.has(agent.name)) visit(agent.name);
  return out;
}
