// @ts-check
// The trace of a turn (DESIGN §4.5): every tool call at every depth, collected with Strands hooks, so the
// receipt can prove delegation, MCP and skill use. Tracing is fail-open: it never breaks an answer.
import { performance } from 'node:perf_hooks';

/** @typedef {import('@strands-agents/sdk').Agent} Agent */
/** @typedef {import('@strands-agents/sdk').Tool} Tool */

/** Longest excerpt of a tool result or error kept in an entry. */
const MaxDetailCharacters = 200;

/**
 * One tool call; the entry agent is depth 0. MCP calls add `server`, skill loads `skill`; `detail` is an
 * excerpt of the result or error.
 * @typedef {object} TraceEntry
 * @property {string} agent
 * @property {string} tool
 * @property {number} depth
 * @property {boolean} ok
 * @property {number} ms
 * @property {'subagent' | 'mcp' | 'skill' | 'builtin' | 'tool'} kind
 * @property {string} [server]
 * @property {string} [skill]
 * @property {string} [detail]
 */

/**
 * Where an agent sits and what its tools are, for classifying its calls.
 * @typedef {object} TracedAgent
 * @property {string} name
 * @property {number} depth
 * @property {Map<string, TraceEntry['kind']>} kinds tool kinds by tool name (subagents, built-ins)
 * @property {Map<unknown, string>} servers MCP server names by MCP client
 * @property {boolean} hasSkills
 */

/**
 * Appends an entry to `sink.current` for each tool call of `agent`, completed when the call ends. Details never
 * carry a secret value: a tool may echo what it was sent (an MCP server answering 401 with the request's headers),
 * and the trace ends up in receipts and events.
 * @param {Agent} agent
 * @param {typeof import('@strands-agents/sdk')} strands
 * @param {TracedAgent} traced
 * @param {{ current: TraceEntry[] }} sink
 * @param {Iterable<string>} secretValues
 */
export function traceToolCalls(agent, strands, traced, sink, secretValues) {
  const secrets = [...secretValues].filter((value) => value !== '');
  /** @type {Map<string, { entry: TraceEntry, started: number }>} */
  const open = new Map();
  agent.addHook(strands.BeforeToolCallEvent, (event) => {
    try {
      const tool = event.toolUse.name;
      const server = traced.servers.get(mcpClientOf(event.tool));
      /** @type {TraceEntry} */
      const entry = {
        agent: traced.name,
        tool,
        depth: traced.depth,
        ok: false,
        ms: 0,
        kind: kindOf(tool, server, traced),
      };
      if (server !== undefined) entry.server = server;
      const input = event.toolUse.input;
      if (entry.kind === 'skill' && isRecord(input) && typeof input.skill_name === 'string') {
        entry.skill = input.skill_name;
      }
      open.set(event.toolUse.toolUseId, { entry, started: performance.now() });
      sink.current.push(entry);
    } catch {
      // Tracing is fail-open: it never breaks an answer.
    }
  });
  agent.addHook(strands.AfterToolCallEvent, (event) => {
    try {
      const call = open.get(event.toolUse.toolUseId);
      if (!call) return;
      open.delete(event.toolUse.toolUseId);
      const text = resultText(event.result);
      // bedrock-agentcore's Code Interpreter client returns every failure as a successful `Error: …` text
      // (dist/src/tools/code-interpreter/client.js, executeCode and the others): that call did not work.
      const failedAsText = call.entry.kind === 'builtin' && text.startsWith('Error:');
      call.entry.ok = !event.error && event.result.status !== 'error' && !failedAsText;
      const detail = redact(event.error?.message ?? text, secrets);
      if (detail !== '') call.entry.detail = [...detail].slice(0, MaxDetailCharacters).join('');
      call.entry.ms = Math.round(performance.now() - call.started);
    } catch {
      // Tracing is fail-open: it never breaks an answer.
    }
  });
}

/**
 * `text` with every secret value replaced by `***`.
 * @param {string} text
 * @param {readonly string[]} secrets
 * @returns {string}
 */
export function redact(text, secrets) {
  return secrets.reduce((redacted, secret) => redacted.split(secret).join('***'), text);
}

/**
 * The text of a tool result: its text blocks, and its JSON blocks serialized.
 * @param {{ content?: readonly unknown[] } | undefined} result
 * @returns {string}
 */
function resultText(result) {
  return (result?.content ?? [])
    .map((block) => {
      if (!isRecord(block)) return '';
      if (typeof block.text === 'string') return block.text;
      return block.json === undefined ? '' : JSON.stringify(block.json);
    })
    .join('\n')
    .trim();
}

/**
 * @param {string} toolName
 * @param {string | undefined} server the MCP server of the tool, if it is an MCP tool
 * @param {TracedAgent} traced
 * @returns {TraceEntry['kind']}
 */
function kindOf(toolName, server, traced) {
  if (server !== undefined) return 'mcp';
  const kind = traced.kinds.get(toolName);
  if (kind !== undefined) return kind;
  if (toolName === 'skills' && traced.hasSkills) return 'skill';
  return 'tool';
}

/**
 * The MCP client behind a tool, if any. The SDK's McpTool keeps it in a private `mcpClient` field and does
 * not export the class (@strands-agents/sdk dist/src/tools/mcp-tool.d.ts), so it is read by name.
 * @param {Tool | undefined} tool
 * @returns {unknown}
 */
function mcpClientOf(tool) {
  return tool !== undefined && 'mcpClient' in tool ? tool.mcpClient : undefined;
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
