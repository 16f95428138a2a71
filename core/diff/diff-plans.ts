import { compareCodePoints } from '../diagnostics/index.js';
import {
  type AgentPlan,
  canonicalJson,
  type McpPlan,
  type Plan,
  type SecretBinding,
  type SkillBundle,
} from '../plan/index.js';
import { ChangeKind, ChangeSubject, type PlanChange } from './types.js';

/** Hex digits of a hash shown in a change's detail. */
const ShortHash = 12;

/**
 * Lists what differs between the deployed plan and a new one, like `cdk diff`: settings (mode, region, resource
 * name, entry, memory), agents, their models, skills, MCP servers, secret bindings and built-ins, each added,
 * removed or changed. Without a previous plan every item is added. Secret bindings compare the version ids
 * both plans carry, so a rotated secret is a changed binding. Sorted by subject, then name.
 */
export function diffPlans(previous: Plan | null, next: Plan): PlanChange[] {
  const before = previous ?? null;
  const changes: PlanChange[] = [
    ...(before === null ? [] : settingChanges(before, next)),
    ...diffKeyed(ChangeSubject.Agent, agentsOf(before), agentsOf(next), describeAgent),
    ...diffKeyed(ChangeSubject.Model, modelsOf(before), modelsOf(next), (a, b) =>
      a === b ? null : `${a} → ${b}`,
    ),
    ...diffKeyed(ChangeSubject.Skill, skillsOf(before), skillsOf(next), describeSkill),
    ...diffKeyed(ChangeSubject.McpServer, serversOf(before), serversOf(next), describeServer),
    ...diffKeyed(ChangeSubject.SecretBinding, bindingsOf(before), bindingsOf(next), describeBinding),
    ...diffKeyed(ChangeSubject.Builtin, builtinsOf(before), builtinsOf(next), () => null),
  ];
  const order = Object.values(ChangeSubject);
  return changes.sort(
    (a, b) => order.indexOf(a.subject) - order.indexOf(b.subject) || compareCodePoints(a.name, b.name),
  );
}

function settingChanges(before: Plan, next: Plan): PlanChange[] {
  const settings: [string, unknown, unknown][] = [
    ['mode', before.mode, next.mode],
    ['region', before.region, next.region],
    ['name', before.name, next.name],
    ['entry', before.root, next.root],
    ['memory', before.memory, next.memory],
    ['memory.strategies', strategiesOf(before), strategiesOf(next)],
  ];
  return settings.flatMap(([name, a, b]) =>
    a === b
      ? []
      : [{ subject: ChangeSubject.Setting, kind: ChangeKind.Changed, name, detail: `${a} → ${b}` }],
  );
}

/** A runtime memory's strategies as one comparable word (`none` without memory or strategies). */
function strategiesOf(plan: Plan): string {
  return plan.memoryStrategies && plan.memoryStrategies.length > 0 ? plan.memoryStrategies.join(',') : 'none';
}

/** Added, removed and changed entries of two keyed collections; `describe` returns null for equal values. */
function diffKeyed<T>(
  subject: ChangeSubject,
  before: ReadonlyMap<string, T>,
  after: ReadonlyMap<string, T>,
  describe: (a: T, b: T) => string | null,
): PlanChange[] {
  const changes: PlanChange[] = [];
  for (const [name, value] of after) {
    const old = before.get(name);
    if (old === undefined) {
      changes.push({ subject, kind: ChangeKind.Added, name, detail: addedDetail(value) });
      continue;
    }
    const detail = describe(old, value);
    if (detail !== null) changes.push({ subject, kind: ChangeKind.Changed, name, detail });
  }
  for (const [name, value] of before) {
    if (!after.has(name))
      changes.push({ subject, kind: ChangeKind.Removed, name, detail: addedDetail(value) });
  }
  return changes;
}

/** The one-line description of an added or removed item: a model id, a skill hash, a server URL, a secret. */
function addedDetail(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (isSkill(value))
    return `content ${value.contentHash.slice(0, ShortHash)}, ${value.files.length} file(s)`;
  if (isServer(value)) return value.url;
  if (isBinding(value)) return value.secretId;
  return null;
}

function describeAgent(a: AgentPlan, b: AgentPlan): string | null {
  const fields: string[] = [];
  if (a.description !== b.description) fields.push('description');
  if (a.instruction !== b.instruction) fields.push('instruction');
  if (!sameList(a.subagents, b.subagents)) fields.push(`subagents [${a.subagents}] → [${b.subagents}]`);
  if (!sameList(a.skills, b.skills)) fields.push(`skills [${a.skills}] → [${b.skills}]`);
  const servers = (agent: AgentPlan): string[] => agent.mcp.map((m) => m.server);
  if (!sameList(servers(a), servers(b))) fields.push(`mcp [${servers(a)}] → [${servers(b)}]`);
  return fields.length === 0 ? null : fields.join('; ');
}

function describeSkill(a: SkillBundle, b: SkillBundle): string | null {
  if (a.contentHash === b.contentHash) return null;
  const added = b.files.filter((file) => !a.files.includes(file));
  const removed = a.files.filter((file) => !b.files.includes(file));
  const files = [...added.map((file) => `+ ${file}`), ...removed.map((file) => `- ${file}`)];
  const hashes = `content ${a.contentHash.slice(0, ShortHash)} → ${b.contentHash.slice(0, ShortHash)}`;
  return files.length === 0 ? hashes : `${hashes}; files ${files.join(', ')}`;
}

function describeServer(a: McpPlan, b: McpPlan): string | null {
  const fields: string[] = [];
  if (a.url !== b.url) fields.push(`url ${a.url} → ${b.url}`);
  if (canonicalJson(a.headers) !== canonicalJson(b.headers)) fields.push('headers');
  if (canonicalJson(a.allowedTools) !== canonicalJson(b.allowedTools)) fields.push('allowedTools');
  return fields.length === 0 ? null : fields.join('; ');
}

function describeBinding(a: SecretBinding, b: SecretBinding): string | null {
  if (a.secretId !== b.secretId) return `${a.secretId} → ${b.secretId}`;
  if (a.versionId === b.versionId) return null;
  return `${b.secretId} version ${a.versionId ?? 'none'} → ${b.versionId ?? 'missing'}`;
}

function agentsOf(plan: Plan | null): Map<string, AgentPlan> {
  return new Map((plan?.agents ?? []).map((agent) => [agent.name, agent]));
}

function modelsOf(plan: Plan | null): Map<string, string> {
  return new Map((plan?.agents ?? []).map((agent) => [agent.name, agent.model]));
}

function skillsOf(plan: Plan | null): Map<string, SkillBundle> {
  return new Map((plan?.skillBundles ?? []).map((skill) => [skill.name, skill]));
}

function serversOf(plan: Plan | null): Map<string, McpPlan> {
  return new Map(
    (plan?.agents ?? []).flatMap((agent) => agent.mcp.map((m) => [`${agent.name}/${m.server}`, m] as const)),
  );
}

function bindingsOf(plan: Plan | null): Map<string, SecretBinding> {
  return new Map((plan?.secretBindings ?? []).map((b) => [`${b.agent}/${b.server}/${b.header}`, b] as const));
}

/** Requested built-ins and the AgentCore tool types they attach, per agent (`editor/bash`, `editor/agentcore_browser`). */
function builtinsOf(plan: Plan | null): Map<string, string> {
  return new Map(
    (plan?.agents ?? []).flatMap((agent) =>
      [...agent.builtinTools, ...agent.builtinToolTypes].map(
        (tool) => [`${agent.name}/${tool}`, ''] as const,
      ),
    ),
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function isSkill(value: unknown): value is SkillBundle {
  return typeof value === 'object' && value !== null && 'contentHash' in value;
}

function isServer(value: unknown): value is McpPlan {
  return typeof value === 'object' && value !== null && 'url' in value && 'server' in value;
}

function isBinding(value: unknown): value is SecretBinding {
  return typeof value === 'object' && value !== null && 'secretId' in value;
}
