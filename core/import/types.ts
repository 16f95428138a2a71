import type { AgentPlan, Plan, SkillBundle } from '../plan/index.js';

/** One agent as a folder is written from it: the parts of a deployed plan's agent that the folder carries. */
export type ImportAgent = Pick<
  AgentPlan,
  | 'name'
  | 'description'
  | 'folderModel'
  | 'instruction'
  | 'knowledge'
  | 'mcp'
  | 'skills'
  | 'subagents'
  | 'builtinTools'
>;

/** One skill bundle with the bytes of its files (path inside the skill → bytes). */
export interface ImportSkill extends Pick<SkillBundle, 'name' | 'contentHash' | 'source' | 'usedBy'> {
  readonly files: ReadonlyMap<string, Uint8Array>;
}

/**
 * What a folder is written from: a deployed plan (spec §9.1), or one rebuilt from a live harness. Only the
 * fields that reach the folder; the skills carry their bytes, read from the artifacts bucket.
 */
export interface ImportSource
  extends Pick<
    Plan,
    'mode' | 'modeSource' | 'region' | 'memory' | 'memoryStrategies' | 'code' | 'smoke' | 'force' | 'onDrift'
  > {
  readonly agents: readonly ImportAgent[];
  readonly skills: readonly ImportSkill[];
}

/** The codes of {@link ImportNote}: what a written folder cannot carry, or carries differently. */
export const ImportNoteCode = {
  KnowledgeOmitted: 'import.knowledge_omitted',
  KnowledgeUnsplit: 'import.knowledge_unsplit',
  InstructionTrimmed: 'import.instruction_trimmed',
  SkillUnreadable: 'import.skill_unreadable',
  SkillChanged: 'import.skill_changed',
  CompilerVersion: 'import.compiler_version',
  SecretTemplated: 'import.secret_templated',
  ToolUnsupported: 'import.tool_unsupported',
  SettingUnsupported: 'import.setting_unsupported',
  NotAgentdrop: 'import.not_agentdrop',
  LiveDiffers: 'import.live_differs',
} as const;
export type ImportNoteCode = (typeof ImportNoteCode)[keyof typeof ImportNoteCode];

/** Something of the deployed agent the folder does not represent (or represents differently), as an info line. */
export interface ImportNote {
  readonly code: ImportNoteCode;
  /** `project`, `agent:<name>`, `skill:<name>`, `mcp:<agent>/<server>` or `harness` (spec §9.1 `where`). */
  readonly where: string;
  readonly message: string;
}

/** A written folder: every file (sorted path → bytes) and what it could not represent. */
export interface ImportedFolder {
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly notes: readonly ImportNote[];
}
