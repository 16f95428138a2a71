// @ts-check
// The team of one session: the entry agent with its subagents as agents-as-tools, to any depth, each with its
// MCP servers (allowed-tool filters enforced), skills and Code Interpreter tools.

import { agentSpec, team } from './roster.mjs';
import { headersFor } from './secrets.mjs';
import { traceToolCalls } from './trace.mjs';

/** @typedef {import('@strands-agents/sdk').Agent} Agent */
/** @typedef {import('@strands-agents/sdk').McpClient} McpClient */
/** @typedef {import('@strands-agents/sdk').Tool} Tool */
/** @typedef {import('./trace.mjs').TraceEntry} TraceEntry */

/**
 * Everything an agent is built from, shared by every session.
 * @typedef {object} Deps
 * @property {typeof import('@strands-agents/sdk')} strands
 * @property {typeof import('@strands-agents/sdk/vended-plugins/skills')} skillsPlugin
 * @property {typeof import('bedrock-agentcore/experimental/code-interpreter/strands') | null} codeInterpreter
 *   loaded only when an agent maps sandbox built-ins
 * @property {string} region region of the Code Interpreter
 * @property {Map<string, string>} secrets secret values by variable
 * @property {Map<string, import('@strands-agents/sdk/vended-plugins/skills').Skill>} skills
 * @property {import('./models.mjs').NewModel} newModel
 * @property {import('./memory.mjs').NewMemory | null} memory the entry agent's memory per actor and session,
 *   null without memory
 */

/**
 * One MCP client of a session and where it sits in the team.
 * @typedef {object} SessionClient
 * @property {McpClient} client
 * @property {string} agent
 * @property {string} server
 * @property {number} depth
 */

/**
 * What every agent of a session's team shares: the trace sink (`sink.current` receives the trace of the
 * turn in progress) and the list of MCP clients.
 * @typedef {object} Wiring
 * @property {{ current: TraceEntry[] }} sink
 * @property {SessionClient[]} clients
 */

/** @typedef {Wiring & { root: Agent }} Team */

/**
 * Builds the whole team from the entry agent down; the entry agent remembers through `memory` when given.
 * @param {Deps} deps
 * @param {import('@strands-agents/sdk').MemoryManager} [memory]
 * @returns {Team}
 */
export function buildTeam(deps, memory) {
  /** @type {Wiring} */
  const wiring = { sink: { current: [] }, clients: [] };
  return { ...wiring, root: buildAgent(team.entry, 0, wiring, deps, memory) };
}

/**
 * Each delegation path gets its own agent instance, so a depth is fixed per instance and a subagent shared
 * by two coordinators never runs two conversations at once.
 * @param {string} name
 * @param {number} depth
 * @param {Wiring} wiring
 * @param {Deps} deps
 * @param {import('@strands-agents/sdk').MemoryManager} [memory]
 * @returns {Agent}
 */
function buildAgent(name, depth, wiring, deps, memory) {
  const spec = agentSpec(name);
  const skills = spec.skills.flatMap((s) => deps.skills.get(s) ?? []);
  /** @type {(Tool | McpClient)[]} */
  const tools = [];
  /** @type {import('./trace.mjs').TracedAgent} */
  const traced = { name, depth, kinds: new Map(), servers: new Map(), hasSkills: skills.length > 0 };
  for (const sub of spec.subagents) {
    const child = buildAgent(sub, depth + 1, wiring, deps);
    tools.push(child.asTool({ name: sub, description: agentSpec(sub).description }));
    traced.kinds.set(sub, 'subagent');
  }
  for (const server of spec.mcp) {
    if (server.allowedTools !== null && server.allowedTools.length === 0) continue;
    const client = new deps.strands.McpClient({
      applicationName: `agentdrop-${team.project}`,
      url: server.url,
      headers: headersFor(server, deps.secrets),
      continueOnError: true,
      ...(server.allowedTools === null ? {} : { toolFilters: { allowed: [...server.allowedTools] } }),
    });
    wiring.clients.push({ client, agent: name, server: server.server, depth });
    traced.servers.set(client, server.server);
    tools.push(client);
  }
  if (spec.codeInterpreter && deps.codeInterpreter) {
    const sandbox = new deps.codeInterpreter.CodeInterpreterTools({ region: deps.region });
    for (const tool of sandbox.tools) {
      tools.push(tool);
      traced.kinds.set(tool.name, 'builtin');
    }
  }
  const agent = new deps.strands.Agent({
    name,
    description: spec.description,
    model: deps.newModel(spec.model),
    systemPrompt: spec.instruction,
    tools,
    plugins: skills.length > 0 ? [new deps.skillsPlugin.AgentSkills({ skills })] : [],
    printer: false,
    ...(memory === undefined ? {} : { memoryManager: memory }),
  });
  traceToolCalls(agent, deps.strands, traced, wiring.sink, deps.secrets.values());
  return agent;
}
