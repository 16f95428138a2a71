import type { FileTree } from '../bundle/index.js';
import { compareCodePoints, type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import { parseAgentFile } from './agent-file.js';
import { readKnowledge } from './knowledge.js';
import { parseManifest } from './manifest.js';
import { parseMcpFile } from './mcp-file.js';
import { scanSkills } from './skills.js';
import { join, TreeIndex } from './tree-index.js';
import type { AgentSource, McpServerSource, Project, SkillSource } from './types.js';

const AgentsDir = '.managed-agents';
const SharedDir = `${AgentsDir}/shared`;

/**
 * Reads a drop's file tree as an agent folder (spec §3): the layout, the manifest, every agent with
 * its skills, MCP servers and knowledge, and the shared pool. Returns null when there is no layout or
 * no agent; every finding is a diagnostic.
 */
export function parseProject(
  tree: FileTree,
  projectName: string,
): { project: Project | null; diagnostics: Diagnostic[] } {
  const index = new TreeIndex(tree);
  const diagnostics: Diagnostic[] = [];
  const { manifest, diagnostics: manifestDiagnostics } = parseManifest(index.file('agentdrop.yaml'));
  diagnostics.push(...manifestDiagnostics);
  if (index.hasFile('agentdrop.yml')) {
    diagnostics.push(
      makeDiagnostic(
        'project.manifest_misnamed',
        'project',
        'agentdrop.yml is not read; rename it to agentdrop.yaml.',
      ),
    );
  }
  const rootAgentFile = agentFileIn(index, '');
  const used = new Set<string>(['agentdrop.yaml', 'agentdrop.yml']);

  let agentDirs: { dir: string; defaultName: string }[];
  let layout: Project['layout'];
  if (index.isDir(AgentsDir)) {
    layout = 'multi';
    if (rootAgentFile) {
      used.add(rootAgentFile);
      diagnostics.push(
        makeDiagnostic(
          'project.root_agent_file_ignored',
          'project',
          `${rootAgentFile} beside .managed-agents/ is not read; the multi-agent layout wins.`,
        ),
      );
    }
    agentDirs = [];
    for (const name of index.dirsIn(AgentsDir)) {
      const dir = join(AgentsDir, name);
      if (name === 'shared') continue;
      if (agentFileIn(index, dir)) agentDirs.push({ dir, defaultName: name });
      else {
        for (const rel of index.filesBelow(dir)) used.add(join(dir, rel));
        diagnostics.push(
          makeDiagnostic(
            'project.dir_ignored',
            'project',
            `Folder '${dir}/' has no agent.md or CLAUDE.md and is ignored.`,
          ),
        );
      }
    }
    if (agentDirs.length === 0) {
      diagnostics.push(
        makeDiagnostic(
          'project.empty',
          'project',
          'No agents in .managed-agents/: an agent is a folder .managed-agents/<name>/ holding agent.md (or CLAUDE.md).',
        ),
      );
      return { project: null, diagnostics };
    }
  } else if (rootAgentFile) {
    layout = 'single';
    agentDirs = [{ dir: '', defaultName: projectName }];
  } else {
    diagnostics.push(
      makeDiagnostic(
        'project.not_found',
        'project',
        'No agent folder found: expected .managed-agents/<agent>/agent.md (team) or agent.md / CLAUDE.md at the root (single agent).',
      ),
    );
    return { project: null, diagnostics };
  }

  let sharedSkills = new Map<string, SkillSource>();
  let sharedMcp = new Map<string, McpServerSource>();
  if (layout === 'multi') {
    const skills = scanSkills(index, SharedDir);
    sharedSkills = skills.skills;
    diagnostics.push(...skills.diagnostics);
    markBelow(index, join(SharedDir, 'skills'), used);
    markBelow(index, join(SharedDir, '.claude/skills'), used);
    const mcp = readMcpFiles(index, SharedDir, 'shared', used);
    sharedMcp = mcp.servers;
    diagnostics.push(...mcp.diagnostics);
  }

  const agents: AgentSource[] = [];
  for (const { dir, defaultName } of agentDirs) {
    agents.push(readAgent(index, dir, defaultName, used, diagnostics));
  }
  agents.sort((a, b) => compareCodePoints(a.name, b.name));
  diagnostics.push(...duplicateNames(agents));

  const unused = [...tree.files.keys()].filter((path) => !used.has(path)).length;
  if (unused > 0) {
    diagnostics.push(
      makeDiagnostic(
        'project.unused_entries',
        'project',
        `${unused} file(s) outside the agent folder convention are not used.`,
      ),
    );
  }
  return { project: { layout, manifest, agents, sharedSkills, sharedMcp }, diagnostics };
}

function readAgent(
  index: TreeIndex,
  dir: string,
  defaultName: string,
  used: Set<string>,
  diagnostics: Diagnostic[],
): AgentSource {
  const file = agentFileIn(index, dir)!;
  used.add(file);
  const parsed = parseAgentFile(file, index.file(file)!, defaultName);
  diagnostics.push(...parsed.diagnostics);
  const where = `agent:${parsed.agent.name}`;
  const shadow = join(dir, 'CLAUDE.md');
  if (file !== shadow && index.hasFile(shadow)) {
    used.add(shadow);
    diagnostics.push(
      makeDiagnostic('agent.file_shadowed', where, `${shadow} is not read because ${file} exists beside it.`),
    );
  }
  const skills = scanSkills(index, dir);
  diagnostics.push(...skills.diagnostics);
  markBelow(index, join(dir, 'skills'), used);
  markBelow(index, join(dir, '.claude/skills'), used);
  const mcp = readMcpFiles(index, dir, parsed.agent.name, used);
  diagnostics.push(...mcp.diagnostics);
  const knowledge = readKnowledge(index, dir, where);
  diagnostics.push(...knowledge.diagnostics);
  markBelow(index, join(dir, 'knowledge'), used);
  return {
    ...parsed.agent,
    folder: dir,
    file,
    knowledge: knowledge.files,
    localSkills: skills.skills,
    localMcp: mcp.servers,
  };
}

function readMcpFiles(
  index: TreeIndex,
  dir: string,
  owner: string,
  used: Set<string>,
): { servers: Map<string, McpServerSource>; diagnostics: Diagnostic[] } {
  const main = join(dir, 'mcp.json');
  const hidden = join(dir, '.mcp.json');
  const diagnostics: Diagnostic[] = [];
  const chosen = index.hasFile(main) ? main : index.hasFile(hidden) ? hidden : null;
  if (!chosen) return { servers: new Map(), diagnostics };
  used.add(chosen);
  if (chosen === main && index.hasFile(hidden)) {
    used.add(hidden);
    diagnostics.push(
      makeDiagnostic(
        'mcp.file_shadowed',
        `mcp:${owner}/.mcp.json`,
        `${hidden} is not read because ${main} exists beside it.`,
      ),
    );
  }
  const parsed = parseMcpFile(chosen, index.file(chosen)!, owner);
  return { servers: parsed.servers, diagnostics: [...diagnostics, ...parsed.diagnostics] };
}

/** Names equal after lower-casing and `-`→`_` clash (spec §3.3). */
function duplicateNames(agents: readonly AgentSource[]): Diagnostic[] {
  const byKey = new Map<string, AgentSource>();
  const out: Diagnostic[] = [];
  for (const agent of agents) {
    const key = agent.name.toLowerCase().replace(/-/g, '_');
    const other = byKey.get(key);
    if (other) {
      out.push(
        makeDiagnostic(
          'agent.duplicate_name',
          `agent:${agent.name}`,
          `Agents in '${other.folder || '.'}' and '${agent.folder || '.'}' have clashing names '${other.name}' and '${agent.name}'.`,
        ),
      );
    } else byKey.set(key, agent);
  }
  return out;
}

function agentFileIn(index: TreeIndex, dir: string): string | undefined {
  for (const name of ['agent.md', 'CLAUDE.md']) {
    const path = join(dir, name);
    if (index.hasFile(path)) return path;
  }
  return undefined;
}

function markBelow(index: TreeIndex, dir: string, used: Set<string>): void {
  for (const rel of index.filesBelow(dir)) used.add(join(dir, rel));
}
