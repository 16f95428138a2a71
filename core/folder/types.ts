import type { MemoryStrategy } from '../plan/memory-strategies.js';
import type { BuiltinTool, RequestedArtifact, RequestedMode } from '../plan/types.js';

/** The optional `agentdrop.yaml` (spec §1.3): only keys the author set are present. */
export interface Manifest {
  /**
   * `project`: the project this folder deploys as. The CLI takes it as the default project name; a drop whose
   * project (its S3 key) differs is refused (`project.name_mismatch`).
   */
  readonly project?: string;
  readonly mode?: RequestedMode;
  readonly region?: string;
  readonly defaultModel?: string;
  readonly entry?: string;
  readonly smokePrompt?: string;
  readonly smokeExpect?: string;
  readonly skipUnsupported?: boolean;
  readonly memoryEnabled?: boolean;
  /** `memory.strategies`: long-term strategies of a runtime's memory, unique, in manifest order. */
  readonly memoryStrategies?: readonly MemoryStrategy[];
  readonly force?: boolean;
  readonly onDrift?: 'report' | 'redeploy';
  /** `runtime.artifact`: how a runtime ships (container image or code package). */
  readonly runtimeArtifact?: RequestedArtifact;
}

/** A skill directory found in the drop (spec §3.5). */
export interface SkillSource {
  /** The directory name: the skill's name everywhere. */
  readonly name: string;
  /** Archive path of the skill directory. */
  readonly dir: string;
  /** Paths inside the directory, code-point order. */
  readonly files: readonly string[];
  readonly bytes: number;
  readonly contentHash: string;
}

/** A tool entry split into name and approval policy (spec §3.6 allowedTools, §3.8 tokens). */
export interface ToolEntry {
  readonly name: string;
  readonly policy: 'ask' | 'allow' | null;
}

/** One server of an MCP file after validation (spec §3.6). */
export interface McpServerSource {
  readonly name: string;
  readonly transport: 'url' | 'stdio';
  readonly url: string | null;
  /** Header values as written. */
  readonly headers: Readonly<Record<string, string>>;
  /** `null` = every tool; names deduplicated, in file order. */
  readonly allowedTools: readonly ToolEntry[] | null;
  /** Archive path of the file that defined it. */
  readonly file: string;
}

/** The built-in tools an agent asked for (spec §3.8). `explicit` is false when `tools` was absent. */
export interface ToolRequest {
  readonly explicit: boolean;
  readonly builtins: readonly BuiltinTool[];
  readonly approvals: readonly BuiltinTool[];
}

/** A knowledge file (spec §3.7), already decoded and normalised. */
export interface KnowledgeFile {
  /** Path relative to the agent folder, e.g. `knowledge/guide.md`. */
  readonly path: string;
  readonly text: string;
}

/** The frontmatter and body of one agent file (spec §3.3). */
export interface AgentFile {
  readonly name: string;
  readonly description: string;
  /** Frontmatter `model`, or null when absent. */
  readonly model: string | null;
  readonly tools: ToolRequest;
  /** Skill references as written; null = absent (all local skills). */
  readonly skills: readonly string[] | null;
  /** MCP references as written; null = absent (all local servers). */
  readonly mcp: readonly string[] | null;
  readonly subagents: readonly string[];
  readonly knowledgeMode: 'inline' | 'skip';
  /** The prompt body, trimmed. */
  readonly body: string;
}

/** One agent folder as written (spec §3.2): its agent file plus what the folder holds beside it. */
export interface AgentSource extends AgentFile {
  /** Archive path of the agent folder ('' for the single layout). */
  readonly folder: string;
  /** Archive path of the agent file that was read. */
  readonly file: string;
  readonly knowledge: readonly KnowledgeFile[];
  readonly localSkills: ReadonlyMap<string, SkillSource>;
  readonly localMcp: ReadonlyMap<string, McpServerSource>;
}

/** A parsed agent folder (spec §3). */
export interface Project {
  readonly layout: 'multi' | 'single';
  readonly manifest: Manifest;
  /** Agents sorted by name. */
  readonly agents: readonly AgentSource[];
  /** Shared pool (multi layout only; empty maps otherwise). */
  readonly sharedSkills: ReadonlyMap<string, SkillSource>;
  readonly sharedMcp: ReadonlyMap<string, McpServerSource>;
}
