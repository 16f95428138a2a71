import { sha256Hex } from './sha256.js';
import type { DeployMode } from './types.js';

/** Name length limits per primitive (spec §6). */
export const NameLimits = { harness: 40, runtime: 48 } as const satisfies Record<DeployMode, number>;

/** A resource name and whether it was shortened. */
export interface ResourceName {
  readonly name: string;
  readonly full: string;
  readonly truncated: boolean;
}

/** Memory name limit (`[a-zA-Z][a-zA-Z0-9_]{0,47}`, CreateMemory). */
const MemoryNameLimit = 48;

/**
 * An AgentCore name from `pattern` (a name with its parts filled in): sanitised (outside `[A-Za-z0-9_]` → `_`,
 * lower case); over `limit` it becomes the first `limit` − 7 characters + `_` + 6 hex of SHA-256 of the full
 * sanitised name, so long names that share a prefix stay apart (spec §6).
 */
export function boundedName(pattern: string, limit: number): ResourceName {
  const full = pattern.replace(/[^A-Za-z0-9_]/g, '_').toLowerCase();
  if (full.length <= limit) return { name: full, full, truncated: false };
  return { name: `${full.slice(0, limit - 7)}_${sha256Hex(full).slice(0, 6)}`, full, truncated: true };
}

/** The harness or runtime name of an entry: `agentdrop_<project>_<entry>` within the mode's limit (spec §6). */
export function resourceName(project: string, entry: string, mode: DeployMode): ResourceName {
  return boundedName(`agentdrop_${project}_${entry}`, NameLimits[mode]);
}

/**
 * The AgentCore Memory name of a project: `agentdrop_<project>` within 48 characters. One memory per project,
 * so a runtime replaced under another entry keeps what its users told it.
 */
export function memoryName(project: string): string {
  return boundedName(`agentdrop_${project}`, MemoryNameLimit).name;
}

/** ECR repository of a project's runtime image (spec §6). */
export function ecrRepositoryName(project: string): string {
  return `agentdrop/${project}`;
}

/** Harness skill prefix in the artifacts bucket; the skill name stays the last segment (spec §6, DESIGN §4.3). */
export function skillPrefix(project: string, contentHash: string, skill: string): string {
  return `skills/${project}/${contentHash}/${skill}/`;
}
