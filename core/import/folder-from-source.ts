import { Document, visit } from 'yaml';
import { compareCodePoints } from '../diagnostics/index.js';
import { skillContentHash } from '../folder/index.js';
import {
  BuiltinTool,
  DefaultRegion,
  DefaultSmokePrompt,
  DeployMode,
  type McpPlan,
  ModeSource,
} from '../plan/index.js';
import { splitKnowledge } from './split-knowledge.js';
import {
  type ImportAgent,
  type ImportedFolder,
  type ImportNote,
  ImportNoteCode,
  type ImportSkill,
  type ImportSource,
} from './types.js';

/** Options of {@link folderFromSource}. */
export interface FolderOptions {
  /** Comment lines put at the top of `agentdrop.yaml` (where the folder came from). @default none */
  readonly header?: readonly string[];
  /**
   * The project the folder deploys as, written as `project:` so it plans under that name whatever the folder is
   * called (the name is part of the resource name, hence of the spec hash). @default none
   */
  readonly project?: string;
}

const SharedPool = '.managed-agents/shared/';

/**
 * Writes the agent folder (spec §3) that plans to `source`: one agent in the single layout, a team under
 * `.managed-agents/` with skills used from the shared pool kept there. Every field the hashed projection
 * (spec §9.2) reads is written so that planning the folder under the same project name gives the same specHash;
 * what the folder cannot carry is returned as notes. Header values are written as the plan holds them:
 * templates, never secret values.
 */
export function folderFromSource(source: ImportSource, options: FolderOptions = {}): ImportedFolder {
  const files = new Map<string, Uint8Array>();
  const notes: ImportNote[] = [];
  const text = (path: string, content: string): void => {
    files.set(path, new TextEncoder().encode(content));
  };
  const team = source.agents.length > 1;
  const agentDir = (agent: string): string => (team ? `.managed-agents/${agent}/` : '');
  const localSkills = new Map<string, string[]>(source.agents.map((agent) => [agent.name, []]));

  for (const skill of source.skills) {
    checkSkillBytes(skill, notes);
    const dirs = skillDirs(skill, team, agentDir);
    for (const [agent, dir] of dirs) {
      if (agent !== null) localSkills.get(agent)?.push(skill.name);
      for (const [path, bytes] of skill.files) files.set(`${dir}${path}`, bytes);
    }
  }
  for (const agent of source.agents) {
    const dir = agentDir(agent.name);
    const { body, knowledge } = agentBody(agent, notes);
    for (const [path, content] of knowledge) text(`${dir}${path}`, `${content}\n`);
    text(`${dir}agent.md`, `---\n${frontmatter(agent, localSkills.get(agent.name) ?? [])}---\n\n${body}\n`);
    if (agent.mcp.length > 0) text(`${dir}mcp.json`, mcpFile(agent.mcp));
  }
  text('agentdrop.yaml', manifest(source, options.header ?? [], options.project));
  return { files: new Map([...files].sort(([a], [b]) => compareCodePoints(a, b))), notes };
}

/**
 * Where a skill's files go, per agent that finds it there (null: the shared pool). A team's skill from the shared
 * pool stays there; any other is copied into each agent that uses it (one name is one bundle, spec §3.5).
 */
function skillDirs(
  skill: ImportSkill,
  team: boolean,
  agentDir: (agent: string) => string,
): [agent: string | null, dir: string][] {
  if (!team) {
    const legacy = skill.source === `.claude/skills/${skill.name}`;
    return [[skill.usedBy[0] ?? null, legacy ? `.claude/skills/${skill.name}/` : `skills/${skill.name}/`]];
  }
  if (skill.source.startsWith(SharedPool)) return [[null, `${skill.source}/`]];
  return skill.usedBy.map((agent) => [agent, `${agentDir(agent)}skills/${skill.name}/`]);
}

function checkSkillBytes(skill: ImportSkill, notes: ImportNote[]): void {
  if (skill.files.size === 0) {
    notes.push({
      code: ImportNoteCode.SkillUnreadable,
      where: `skill:${skill.name}`,
      message: `The files of skill '${skill.name}' could not be read; the folder leaves it out.`,
    });
    return;
  }
  const hash = skillContentHash(skill.name, skill.files);
  if (hash !== skill.contentHash) {
    notes.push({
      code: ImportNoteCode.SkillChanged,
      where: `skill:${skill.name}`,
      message: `Skill '${skill.name}' as read has content hash ${hash.slice(0, 12)}, not the deployed ${skill.contentHash.slice(0, 12)}.`,
    });
  }
}

/** The prompt body and the knowledge files inlined into the final instruction (spec §3.7). */
function agentBody(
  agent: ImportAgent,
  notes: ImportNote[],
): { body: string; knowledge: ReadonlyMap<string, string> } {
  const where = `agent:${agent.name}`;
  if (agent.knowledge.omitted.length > 0) {
    notes.push({
      code: ImportNoteCode.KnowledgeOmitted,
      where,
      message: `Knowledge left out of the deployed prompt is not in the plan and is not written: ${agent.knowledge.omitted.join(', ')}.`,
    });
  }
  const split = splitKnowledge(agent.instruction, agent.knowledge.inlined);
  if (split === null) {
    notes.push({
      code: ImportNoteCode.KnowledgeUnsplit,
      where,
      message: `The deployed prompt does not split into a body and ${agent.knowledge.inlined.join(', ')}; it is written whole as the prompt.`,
    });
  }
  const body = split?.body ?? agent.instruction;
  if (body.trim() !== body) {
    notes.push({
      code: ImportNoteCode.InstructionTrimmed,
      where,
      message: 'The deployed prompt starts or ends with white space, which an agent file trims.',
    });
  }
  return { body: body.trim(), knowledge: split?.files ?? new Map() };
}

/** The agent file's frontmatter (spec §3.3): only what differs from the defaults, lists in flow style. */
function frontmatter(agent: ImportAgent, localSkills: readonly string[]): string {
  const fields: Record<string, unknown> = { name: agent.name };
  if (agent.description !== agent.name) fields.description = agent.description;
  fields.model = agent.folderModel;
  if (!sameSet(agent.builtinTools, Object.values(BuiltinTool))) fields.tools = [...agent.builtinTools];
  // Omitted, `skills` means every local skill; the shared pool is reached only by reference.
  if (!sameSet(agent.skills, localSkills)) fields.skills = [...agent.skills];
  if (agent.subagents.length > 0) fields.subagents = [...agent.subagents];
  if (agent.knowledge.mode === 'skip') fields.knowledge = 'skip';
  const document = new Document(fields);
  visit(document, {
    Seq: (_key, node) => {
      node.flow = true;
    },
  });
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** `mcp.json` with the agent's servers (spec §3.6): headers as planned (templates), `:ask` on approvals. */
function mcpFile(servers: readonly McpPlan[]): string {
  const mcpServers = Object.fromEntries(
    servers.map((server) => [
      server.server,
      {
        url: server.url,
        ...(Object.keys(server.headers).length > 0 ? { headers: server.headers } : {}),
        ...(server.allowedTools === null
          ? {}
          : {
              allowedTools: server.allowedTools.map((tool) =>
                server.approvals.includes(tool) ? `${tool}:ask` : tool,
              ),
            }),
      },
    ]),
  );
  return `${JSON.stringify({ mcpServers }, null, 2)}\n`;
}

/** `agentdrop.yaml` (spec §1.3): the settings that are not the defaults, and the smoke test. */
function manifest(source: ImportSource, header: readonly string[], project: string | undefined): string {
  const fields: Record<string, unknown> = {};
  if (project !== undefined) fields.project = project;
  const auto = source.agents.length > 1 ? DeployMode.Runtime : DeployMode.Harness;
  // The manifest's own choice is kept; any other is written only where the folder's auto would choose differently
  // (a flag or event chose it, or a plan recorded before modeSource, which cannot say who chose).
  if (source.mode !== null && (source.modeSource === ModeSource.Manifest || source.mode !== auto)) {
    fields.mode = source.mode;
  }
  // The region reaches the plan through the model ids (spec §5): the offline plan must resolve them alike.
  if (source.region !== DefaultRegion) fields.region = source.region;
  fields.smoke = {
    prompt: source.smoke.prompt || DefaultSmokePrompt,
    ...(source.smoke.expect === null ? {} : { expect: source.smoke.expect }),
  };
  if (source.memory) {
    fields.memory = {
      enabled: true,
      ...(source.memoryStrategies?.length ? { strategies: [...source.memoryStrategies] } : {}),
    };
  }
  // A code package's artifact is in the spec hash (a container's is the default and is not).
  if (source.code !== undefined) fields.runtime = { artifact: 'code' };
  if (source.force) fields.force = true;
  if (source.onDrift !== undefined) fields.onDrift = source.onDrift;
  const comments = header.map((line) => `# ${line}\n`).join('');
  return `${comments}${new Document(fields).toString({ lineWidth: 0 })}`;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(b);
  return a.length === set.size && a.every((item) => set.has(item));
}
