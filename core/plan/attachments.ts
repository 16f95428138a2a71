import { type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import type { AgentSource, McpServerSource, Project, SkillSource } from '../folder/index.js';

/** Resolves `skills`/`mcp` references of one agent (spec §3.4). */
function resolveReferences<T>(
  refs: readonly string[] | null,
  local: ReadonlyMap<string, T>,
  shared: ReadonlyMap<string, T>,
  layout: Project['layout'],
  describe: (ref: string) => Diagnostic,
): { items: T[]; diagnostics: Diagnostic[] } {
  if (refs === null) return { items: [...local.values()], diagnostics: [] };
  const items: T[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const ref of refs) {
    const sharedOnly = ref.startsWith('shared/');
    const name = sharedOnly ? ref.slice('shared/'.length) : ref;
    const found = sharedOnly
      ? shared.get(name)
      : (local.get(name) ?? (layout === 'multi' ? shared.get(name) : undefined));
    if (found === undefined) diagnostics.push(describe(ref));
    else if (!items.includes(found)) items.push(found);
  }
  return { items, diagnostics };
}

/** Skills of one agent, or `skill.missing` per unresolved reference. */
export function resolveSkills(
  agent: AgentSource,
  project: Project,
): { items: SkillSource[]; diagnostics: Diagnostic[] } {
  return resolveReferences(agent.skills, agent.localSkills, project.sharedSkills, project.layout, (ref) =>
    makeDiagnostic(
      'skill.missing',
      `agent:${agent.name}`,
      `Agent '${agent.name}' references skill '${ref}', not found in ${placesLooked(agent, ref, project, 'skills')}.`,
    ),
  );
}

/** MCP servers of one agent, or `mcp.missing` per unresolved reference. */
export function resolveMcp(
  agent: AgentSource,
  project: Project,
): { items: McpServerSource[]; diagnostics: Diagnostic[] } {
  return resolveReferences(agent.mcp, agent.localMcp, project.sharedMcp, project.layout, (ref) =>
    makeDiagnostic(
      'mcp.missing',
      `agent:${agent.name}`,
      `Agent '${agent.name}' references MCP server '${ref}', not found in ${placesLooked(agent, ref, project, 'mcp')}.`,
    ),
  );
}

function placesLooked(agent: AgentSource, ref: string, project: Project, kind: 'skills' | 'mcp'): string {
  const prefix = agent.folder === '' ? '' : `${agent.folder}/`;
  const local = kind === 'skills' ? `${prefix}skills/, ${prefix}.claude/skills/` : `${prefix}mcp.json`;
  const shared =
    kind === 'skills'
      ? '.managed-agents/shared/skills/, .managed-agents/shared/.claude/skills/'
      : '.managed-agents/shared/mcp.json';
  if (project.layout === 'single') {
    return ref.startsWith('shared/') ? `nothing (a single-agent folder has no shared pool)` : local;
  }
  return ref.startsWith('shared/') ? shared : `${local}, then ${shared}`;
}

/** Checks that one server name means one server across the plan (spec §3.6 `mcp.name_conflict`). */
export function checkServerConflicts(
  uses: readonly { agent: string; server: McpServerSource }[],
): Diagnostic[] {
  const first = new Map<string, { agent: string; server: McpServerSource }>();
  const reported = new Set<string>();
  const out: Diagnostic[] = [];
  for (const use of uses) {
    const previous = first.get(use.server.name);
    if (!previous) {
      first.set(use.server.name, use);
      continue;
    }
    const a = previous.server;
    const b = use.server;
    const same =
      a.transport === b.transport &&
      a.url === b.url &&
      JSON.stringify(sortedHeaders(a)) === JSON.stringify(sortedHeaders(b));
    if (!same && !reported.has(b.name)) {
      reported.add(b.name);
      out.push(
        makeDiagnostic(
          'mcp.name_conflict',
          `mcp:${use.agent}/${b.name}`,
          `MCP server '${b.name}' is defined differently for agents '${previous.agent}' and '${use.agent}'; rename one.`,
        ),
      );
    }
  }
  return out;
}

function sortedHeaders(server: McpServerSource): [string, string][] {
  return Object.entries(server.headers).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
}

/** Ships each skill once per plan; one name with two contents is `skill.name_collision` (spec §3.5). */
export function collectSkillBundles(uses: readonly { agent: string; skill: SkillSource }[]): {
  bundles: Map<string, { skill: SkillSource; usedBy: Set<string> }>;
  diagnostics: Diagnostic[];
} {
  const bundles = new Map<string, { skill: SkillSource; usedBy: Set<string> }>();
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const { agent, skill } of uses) {
    const bundle = bundles.get(skill.name);
    if (!bundle) {
      bundles.set(skill.name, { skill, usedBy: new Set([agent]) });
    } else if (bundle.skill.contentHash === skill.contentHash) {
      bundle.usedBy.add(agent);
    } else if (!reported.has(skill.name)) {
      reported.add(skill.name);
      diagnostics.push(
        makeDiagnostic(
          'skill.name_collision',
          `skill:${skill.name}`,
          `Skill '${skill.name}' has two contents: ${[...bundle.usedBy].join(', ')} use ${bundle.skill.contentHash.slice(0, 12)}, ${agent} uses ${skill.contentHash.slice(0, 12)}; rename one.`,
        ),
      );
    }
  }
  return { bundles, diagnostics };
}
