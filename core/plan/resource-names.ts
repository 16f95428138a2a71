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

/**
 * `agentdrop_<project>_<entry>` sanitised (outside `[A-Za-z0-9_]` → `_`, lower case); over the limit L it
 * becomes the first L − 7 characters + `_` + 6 hex of SHA-256 of the full sanitised name (spec §6).
 */
export function resourceName(project: string, entry: string, mode: DeployMode): ResourceName {
  const full = `agentdrop_${project}_${entry}`.replace(/[^A-Za-z0-9_]/g, '_').toLowerCase();
  const limit = NameLimits[mode];
  if (full.length <= limit) return { name: full, full, truncated: false };
  return { name: `${full.slice(0, limit - 7)}_${sha256Hex(full).slice(0, 6)}`, full, truncated: true };
}

/** ECR repository of a project's runtime image (spec §6). */
export function ecrRepositoryName(project: string): string {
  return `agentdrop/${project}`;
}

/** Harness skill prefix in the artifacts bucket; the skill name stays the last segment (spec §6, DESIGN §4.3). */
export function skillPrefix(project: string, contentHash: string, skill: string): string {
  return `skills/${project}/${contentHash}/${skill}/`;
}
