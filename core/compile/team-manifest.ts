import { templatedSecretName } from '../folder/index.js';
import { BuiltinToolType, type McpPlan, MemoryNamespaces, type Plan } from '../plan/index.js';
import { CompileError, CompileErrorName } from './errors.js';

/** A templated MCP header and the variable that carries its secret (spec §7.2). */
export interface TeamSecretHeader {
  readonly name: string;
  readonly envVar: string;
}

/** One MCP server as the runtime connects to it. */
export interface TeamMcpServer {
  readonly server: string;
  readonly url: string;
  /** Header values as written; templates stay `${NAME}` and are filled at start-up. */
  readonly headers: Readonly<Record<string, string>>;
  readonly secretHeaders: Readonly<Record<string, TeamSecretHeader>>;
  /** `null` = every tool; else the raw tool names exposed to the model. */
  readonly allowedTools: readonly string[] | null;
}

/** One agent of the roster as the runtime builds it. */
export interface TeamAgent {
  readonly description: string;
  readonly model: string;
  readonly instruction: string;
  readonly mcp: readonly TeamMcpServer[];
  readonly skills: readonly string[];
  readonly subagents: readonly string[];
  /** Sandbox built-ins mapped to the AgentCore Code Interpreter tools (spec §8). */
  readonly codeInterpreter: boolean;
}

/** A secret the runtime resolves at start-up, by variable. */
export interface TeamSecret {
  readonly envVar: string;
  readonly name: string;
  readonly server: string;
  readonly header: string;
}

/** The content of `team.json`: everything `agent.mjs` needs, and never a secret value. */
export interface TeamManifest {
  readonly formatVersion: 1;
  readonly compilerVersion: string;
  readonly project: string;
  readonly region: string;
  readonly entry: string;
  readonly specHash: string | null;
  readonly agents: Readonly<Record<string, TeamAgent>>;
  /** Skill names; each ships as `skills/<name>/` in the context. */
  readonly skills: readonly string[];
  readonly secrets: readonly TeamSecret[];
  /**
   * With memory (spec §8): the namespace templates the entry agent recalls from, one per long-term strategy
   * (empty: short-term events only). Absent without memory; the memory id comes from `AGENTDROP_MEMORY_ID`.
   */
  readonly memory?: { readonly namespaces: readonly string[] };
}

/**
 * Projects a runtime plan onto the roster the generated runtime reads: agents in plan order (sorted by
 * name), each with its final instruction, resolved model, MCP servers (header templates kept, bound to
 * their `AGENTDROP_MCP_*` variables), skills, subagents and mapped built-ins.
 *
 * @throws CompileError `PlanTreeMismatch` when the entry, a subagent or a skill is not in the plan, or a
 *   templated header has no secret binding with a variable.
 */
export function buildTeamManifest(plan: Plan): TeamManifest {
  const names = new Set(plan.agents.map((a) => a.name));
  const skillNames = new Set(plan.skillBundles.map((b) => b.name));
  if (plan.root === null || !names.has(plan.root)) {
    throw mismatch(`The plan's entry agent ${String(plan.root)} is not in its roster.`, { root: plan.root });
  }
  const agents: Record<string, TeamAgent> = {};
  for (const agent of plan.agents) {
    for (const sub of agent.subagents) {
      if (!names.has(sub))
        throw mismatch(`Subagent ${sub} of ${agent.name} is not in the plan.`, { agent: agent.name });
    }
    for (const skill of agent.skills) {
      if (!skillNames.has(skill)) throw mismatch(`Skill ${skill} of ${agent.name} has no bundle.`, { skill });
    }
    agents[agent.name] = {
      description: agent.description,
      model: agent.model,
      instruction: agent.instruction,
      mcp: agent.mcp.map((server) => teamServer(plan, agent.name, server)),
      skills: [...agent.skills],
      subagents: [...agent.subagents],
      codeInterpreter: agent.builtinToolTypes.includes(BuiltinToolType.CodeInterpreter),
    };
  }
  const secrets = new Map<string, TeamSecret>();
  for (const binding of plan.secretBindings) {
    if (binding.envVar === null) continue;
    secrets.set(binding.envVar, {
      envVar: binding.envVar,
      name: binding.name,
      server: binding.server,
      header: binding.header,
    });
  }
  return {
    formatVersion: 1,
    compilerVersion: plan.compilerVersion,
    project: plan.project,
    region: plan.region,
    entry: plan.root,
    specHash: plan.specHash,
    agents,
    skills: plan.skillBundles.map((b) => b.name),
    secrets: [...secrets.keys()].sort().map((k) => secrets.get(k)!),
    ...(plan.memory && plan.memoryStrategies
      ? { memory: { namespaces: plan.memoryStrategies.map((s) => MemoryNamespaces[s]) } }
      : {}),
  };
}

function teamServer(plan: Plan, agent: string, server: McpPlan): TeamMcpServer {
  const secretHeaders: Record<string, TeamSecretHeader> = {};
  for (const [header, value] of Object.entries(server.headers)) {
    const name = templatedSecretName(value);
    if (name === null) continue;
    const binding = plan.secretBindings.find(
      (b) => b.agent === agent && b.server === server.server && b.header === header && b.name === name,
    );
    if (binding?.envVar == null) {
      throw mismatch(`Header ${header} of MCP server ${server.server} (${agent}) has no secret variable.`, {
        agent,
        server: server.server,
        header,
      });
    }
    secretHeaders[header] = { name, envVar: binding.envVar };
  }
  return {
    server: server.server,
    url: server.url,
    headers: { ...server.headers },
    secretHeaders,
    allowedTools: server.allowedTools === null ? null : [...server.allowedTools],
  };
}

function mismatch(message: string, context: Record<string, string | null>): CompileError {
  return new CompileError(CompileErrorName.PlanTreeMismatch, message, context);
}
