import type { Diagnostic } from '../diagnostics/index.js';
import type { MemoryStrategy } from './memory-strategies.js';

export const DeployMode = { Harness: 'harness', Runtime: 'runtime' } as const;
export type DeployMode = (typeof DeployMode)[keyof typeof DeployMode];

export const RequestedMode = { Auto: 'auto', Harness: 'harness', Runtime: 'runtime' } as const;
export type RequestedMode = (typeof RequestedMode)[keyof typeof RequestedMode];

/** Who chose a plan's mode (spec §4): the manifest's `mode:`, a flag or event, or neither (auto). */
export const ModeSource = { Auto: 'auto', Manifest: 'manifest', Request: 'request' } as const;
export type ModeSource = (typeof ModeSource)[keyof typeof ModeSource];

/**
 * How a runtime ships: an arm64 image CodeBuild builds (`container`), or a zip AgentCore runs on its managed
 * Node 22 (`code`, direct code deployment, agentcore-api.md §11).
 */
export const RuntimeArtifact = { Container: 'container', Code: 'code' } as const;
export type RuntimeArtifact = (typeof RuntimeArtifact)[keyof typeof RuntimeArtifact];

/** `runtime.artifact` in agentdrop.yaml or the stack's default: `auto` picks `code` unless a container is needed. */
export const RequestedArtifact = { Auto: 'auto', ...RuntimeArtifact } as const;
export type RequestedArtifact = (typeof RequestedArtifact)[keyof typeof RequestedArtifact];

/** A runtime shipped as a code package (the plan's `code`; absent for a container). */
export interface CodePlan {
  /** The AgentCore managed runtime (AgentManagedRuntimeType). */
  readonly runtime: 'NODE_22';
  /** The file AgentCore runs: the pre-bundled agent at the package root. */
  readonly entryPoint: readonly string[];
  /** SHA-256 of the pre-bundled runtime agent the package carries (hashed into specHash). */
  readonly agentBundleHash: string;
  /** Uncompressed size of the package: the agent bundle and the skill files (team.json and NOTES.md aside). */
  readonly unzippedBytes: number;
}

/** Built-in tool names after token mapping (spec §3.8). */
export const BuiltinTool = {
  Read: 'read',
  Glob: 'glob',
  Grep: 'grep',
  Bash: 'bash',
  Write: 'write',
  Edit: 'edit',
  WebFetch: 'web_fetch',
  WebSearch: 'web_search',
} as const;
export type BuiltinTool = (typeof BuiltinTool)[keyof typeof BuiltinTool];

/** AgentCore tool types attached for built-ins (spec §8). */
export const BuiltinToolType = {
  Browser: 'agentcore_browser',
  CodeInterpreter: 'agentcore_code_interpreter',
} as const;
export type BuiltinToolType = (typeof BuiltinToolType)[keyof typeof BuiltinToolType];

/** One MCP server as one agent uses it (spec §9.1 McpPlan). */
export interface McpPlan {
  readonly server: string;
  readonly url: string;
  /** Header values as written, templates like `Bearer ${DOCS_TOKEN}` kept verbatim; never a secret value. */
  readonly headers: Readonly<Record<string, string>>;
  /** `null` = every tool; else sorted raw tool names. */
  readonly allowedTools: readonly string[] | null;
  /** Sorted tool names marked `:ask` (not enforced, see `tools.approval_unsupported`). */
  readonly approvals: readonly string[];
  /** Whether the target primitive enforces `allowedTools` (Runtime yes, Harness no). */
  readonly filterEnforced: boolean;
}

export interface KnowledgePlan {
  readonly mode: 'inline' | 'skip';
  /** Agent-relative paths of inlined files, in inlining order. */
  readonly inlined: readonly string[];
  /** Agent-relative paths of files left out (budget or skip). */
  readonly omitted: readonly string[];
}

/** One agent of the deployed set (spec §9.1 AgentPlan). */
export interface AgentPlan {
  readonly name: string;
  readonly description: string;
  /** The model id as the folder wrote it (or the default it fell back to). */
  readonly folderModel: string;
  /** The resolved model id or inference profile (spec §5). */
  readonly model: string;
  /** Final system prompt: body plus inlined knowledge. */
  readonly instruction: string;
  readonly knowledge: KnowledgePlan;
  readonly mcp: readonly McpPlan[];
  /** Sorted skill names. */
  readonly skills: readonly string[];
  /** Subagent names in declared order. */
  readonly subagents: readonly string[];
  /** Requested built-ins, sorted. */
  readonly builtinTools: readonly BuiltinTool[];
  /** Attached AgentCore tool types, sorted. */
  readonly builtinToolTypes: readonly BuiltinToolType[];
}

/** A skill directory shipped once per plan (spec §9.1 SkillBundle). */
export interface SkillBundle {
  readonly name: string;
  /** Hex SHA-256 per spec §3.5. */
  readonly contentHash: string;
  /** Sorted paths inside the skill directory (`SKILL.md`, `labels.csv`, …). */
  readonly files: readonly string[];
  readonly bytes: number;
  readonly usedBy: readonly string[];
  /** Archive path of the skill directory in the drop (where the compiler copies files from). */
  readonly source: string;
  /** Harness: `skills/<project>/<contentHash>/<skill>/`; Runtime: null (the image carries the files). */
  readonly s3Prefix: string | null;
}

/** One templated MCP header and the secret that fills it (spec §7.2). */
export interface SecretBinding {
  readonly name: string;
  /** `<secretPrefix><NAME>`. */
  readonly secretId: string;
  readonly agent: string;
  readonly server: string;
  readonly header: string;
  /** Runtime: `AGENTDROP_MCP_<SERVER>_<HEADER>`; Harness: null. */
  readonly envVar: string | null;
  /** Filled by the pipeline's pre-flight; null in the offline plan. */
  readonly versionId: string | null;
}

export interface SmokePlan {
  readonly prompt: string;
  readonly expect: string | null;
}

/** The deploy plan (spec §9.1). Pure data; JSON-serialisable; contains no secret value. */
export interface Plan {
  readonly planVersion: 1;
  readonly compilerVersion: string;
  readonly project: string;
  /** null when the drop is so broken that no mode could be chosen. */
  readonly mode: DeployMode | null;
  /** Why `mode`, in words for people; code reads `modeSource`. */
  readonly reason: string;
  /** Who chose `mode`. Absent when no mode was chosen, and in plans recorded before it was added. */
  readonly modeSource?: ModeSource;
  readonly region: string;
  readonly name: string | null;
  readonly nameTruncated: boolean;
  readonly root: string | null;
  readonly agents: readonly AgentPlan[];
  readonly skillBundles: readonly SkillBundle[];
  readonly builtinToolTypes: readonly BuiltinToolType[];
  readonly ecrRepository: string | null;
  readonly imageTag: string | null;
  /**
   * Runtime: the content hash of the compiler's runtime template (generated program, Dockerfile, pinned
   * package.json and lockfile), hashed into specHash (DESIGN §8); null otherwise.
   */
  readonly templateHash: string | null;
  readonly memory: boolean;
  /**
   * Runtime with memory: the long-term strategies of the project's AgentCore Memory, sorted (empty: short-term
   * events only, spec §8). Absent otherwise.
   */
  readonly memoryStrategies?: readonly MemoryStrategy[];
  readonly smoke: SmokePlan;
  /** Manifest `force: true` (spec §1.4); the request may force too. */
  readonly force: boolean;
  /**
   * Manifest `onDrift`: what the scheduled drift check does for this project (docs/state-machine.md §11).
   * Absent when the manifest does not say: the stack's `onDrift` applies.
   */
  readonly onDrift?: 'report' | 'redeploy';
  /** Runtime shipped as a code package; absent when it ships as a container image (the default). */
  readonly code?: CodePlan;
  readonly secretNames: readonly string[];
  readonly secretBindings: readonly SecretBinding[];
  readonly diagnostics: readonly Diagnostic[];
  readonly deployable: boolean;
  /** null when not deployable. */
  readonly specHash: string | null;
  /** null until pre-flight unless there are no secrets. */
  readonly fingerprint: string | null;
}
