import { compareCodePoints } from '../diagnostics/index.js';
import { skillContentHash } from '../folder/index.js';
import {
  type AgentPlan,
  BuiltinTool,
  BuiltinToolType,
  DefaultSmokePrompt,
  DeployMode,
  type McpPlan,
} from '../plan/index.js';
import {
  type ImportAgent,
  type ImportNote,
  ImportNoteCode,
  type ImportSkill,
  type ImportSource,
} from './types.js';

/** A harness as GetHarness reports it, reduced to what a folder can carry; header values are never read. */
export interface LiveHarness {
  readonly harnessName: string;
  readonly region: string;
  /** The Bedrock model id (or the model id of another provider, which the folder cannot name). */
  readonly modelId: string;
  /** The system prompt's text blocks. */
  readonly systemPrompt: readonly string[];
  /** Remote MCP tools: header names only. */
  readonly mcp: readonly LiveMcpServer[];
  readonly builtinToolTypes: readonly string[];
  /** Skills attached from S3, with the files read from their prefix. */
  readonly skills: readonly LiveSkill[];
  readonly memory: boolean;
  /** Settings the folder convention has no place for, named (`tool agentcore_gateway 'search'`, `maxTokens`). */
  readonly unsupported: readonly string[];
}

/** A remote MCP tool of a harness: its name, URL (credentials removed) and header names, never values. */
export interface LiveMcpServer {
  readonly server: string;
  readonly url: string;
  readonly headerNames: readonly string[];
}

/** A skill a harness loads from S3, with the files found under its prefix. */
export interface LiveSkill {
  /** `s3://bucket/prefix/`; the last segment is the skill's name (spec §6). */
  readonly uri: string;
  readonly files: ReadonlyMap<string, Uint8Array>;
}

/** A folder source rebuilt from a live harness, and what it could not carry. */
export interface HarnessImport {
  readonly source: ImportSource;
  readonly notes: readonly ImportNote[];
}

/** A folder source read from a deployed plan, with the plan fields the comparison with a live harness reads. */
export type DeployedImport = ImportSource & {
  readonly agents: readonly AgentPlan[];
  readonly builtinToolTypes: readonly string[];
};

/**
 * Rebuilds a folder source from a live harness. With the plan agentdrop deployed it from, every part the live
 * harness still matches comes from the plan (the model as the folder wrote it, knowledge files, header templates,
 * built-in tokens, smoke test); a part changed behind agentdrop's back comes from the live harness, with a note.
 * Header values are secrets (the harness holds them resolved) and are never read: a header the plan does not
 * template becomes `${<SERVER>_<HEADER>}`.
 */
export function sourceFromHarness(live: LiveHarness, deployed: DeployedImport | null): HarnessImport {
  const notes: ImportNote[] = [];
  const planned = deployed?.agents[0] ?? null;
  const name = planned?.name ?? live.harnessName;
  const where = `agent:${name}`;
  const differs = (what: string): void => {
    notes.push({
      code: ImportNoteCode.LiveDiffers,
      where,
      message: `The harness's ${what} differs from the deployed plan: the folder takes the harness's.`,
    });
  };
  if (deployed === null) {
    notes.push({
      code: ImportNoteCode.NotAgentdrop,
      where: 'harness',
      message: `Harness ${live.harnessName} was not deployed by this stack: the folder is built from its configuration alone, so its plan names another resource.`,
    });
  }
  for (const setting of live.unsupported) {
    notes.push({
      code: ImportNoteCode.SettingUnsupported,
      where: 'harness',
      message: `The harness sets ${setting}, which an agent folder cannot express; it is left out.`,
    });
  }

  const instruction = live.systemPrompt.join('\n\n');
  const keepPrompt = planned?.instruction === instruction;
  const keepModel = planned?.model === live.modelId;
  const types = [...live.builtinToolTypes].sort(compareCodePoints);
  const keepTools = deployed !== null && sameList(types, deployed.builtinToolTypes);
  const mcp = live.mcp.map((server) => mcpServer(server, planned, name, notes));
  const skills = live.skills.map((skill) => liveSkill(skill, deployed));
  if (planned) {
    if (!keepPrompt) differs('system prompt');
    if (!keepModel) differs('model');
    if (!keepTools) differs('set of built-in tools');
    const servers = (list: readonly { server: string; url: string }[]): string[] =>
      list.map((server) => `${server.server} ${server.url}`).sort(compareCodePoints);
    if (!sameList(servers(live.mcp), servers(planned.mcp))) differs('set of MCP servers');
    const hashes = (list: readonly ImportSkill[]): string[] =>
      list.map((skill) => skill.contentHash).sort(compareCodePoints);
    if (!sameList(hashes(skills), hashes(deployed!.skills))) differs('set of skills');
  }

  const agent: ImportAgent = {
    name,
    description: planned?.description ?? name,
    folderModel: keepModel ? planned!.folderModel : live.modelId,
    instruction: keepPrompt ? planned!.instruction : instruction,
    knowledge: keepPrompt ? planned!.knowledge : { mode: 'inline', inlined: [], omitted: [] },
    mcp,
    skills: skills.map((skill) => skill.name).sort(compareCodePoints),
    subagents: [],
    builtinTools: keepTools ? planned!.builtinTools : builtinsFor(types),
  };
  return {
    source: {
      mode: DeployMode.Harness,
      ...(deployed?.modeSource ? { modeSource: deployed.modeSource } : {}),
      region: live.region,
      memory: live.memory,
      smoke: deployed?.smoke ?? { prompt: DefaultSmokePrompt, expect: null },
      force: deployed?.force ?? false,
      ...(deployed?.onDrift ? { onDrift: deployed.onDrift } : {}),
      agents: [agent],
      skills,
    },
    notes,
  };
}

/**
 * One remote MCP server: the plan's entry when the harness still has its URL and header names (its header values
 * are the plan's templates); otherwise each header becomes a template named after the server and header.
 */
function mcpServer(
  live: LiveMcpServer,
  planned: AgentPlan | null,
  agent: string,
  notes: ImportNote[],
): McpPlan {
  const known = planned?.mcp.find((server) => server.server === live.server);
  if (
    known &&
    known.url === live.url &&
    sameList([...live.headerNames].sort(), Object.keys(known.headers).sort())
  ) {
    return known;
  }
  const headers: Record<string, string> = {};
  for (const header of live.headerNames) {
    const secret = `${live.server}_${header}`
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '_')
      .replace(/^[^A-Z_]/, '_$&');
    headers[header] = `\${${secret}}`;
    notes.push({
      code: ImportNoteCode.SecretTemplated,
      where: `mcp:${agent}/${live.server}`,
      message: `Header ${header} is written as \${${secret}}: its value is a secret and is not imported; set it with \`agentdrop secrets set ${secret}\`.`,
    });
  }
  return {
    server: live.server,
    url: live.url,
    headers,
    allowedTools: null,
    approvals: [],
    filterEnforced: false,
  };
}

/** A live skill: the plan's bundle when the bytes are the same, else a bundle named after the prefix. */
function liveSkill(live: LiveSkill, deployed: DeployedImport | null): ImportSkill {
  const name = live.uri.replace(/\/+$/, '').split('/').pop() ?? live.uri;
  const contentHash = skillContentHash(name, live.files);
  const known = deployed?.skills.find((skill) => skill.name === name && skill.contentHash === contentHash);
  return known ?? { name, contentHash, source: `skills/${name}`, usedBy: [], files: live.files };
}

/**
 * The built-in tokens that give these tool types on a harness (spec §8): the sandbox tools are always there;
 * the browser is attached for the web tools.
 */
function builtinsFor(types: readonly string[]): BuiltinTool[] {
  const all = Object.values(BuiltinTool);
  if (types.includes(BuiltinToolType.Browser)) return all;
  return all.filter((tool) => tool !== BuiltinTool.WebFetch && tool !== BuiltinTool.WebSearch);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
