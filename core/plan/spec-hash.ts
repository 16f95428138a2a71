import { canonicalJson } from './canonical-json.js';
import type { MemoryStrategy } from './memory-strategies.js';
import { sha256Hex } from './sha256.js';
import type { AgentPlan, BuiltinToolType, SkillBundle } from './types.js';

/** What the hash needs from a plan (spec §9.2). */
export interface HashInput {
  readonly mode: 'harness' | 'runtime';
  readonly compilerVersion: string;
  /** Content hash of the runtime template the plan compiles with (hashed on Runtime only). */
  readonly templateHash: string;
  readonly name: string;
  readonly root: string;
  readonly memory: boolean;
  /** Runtime with memory: its long-term strategies (spec §8), so a change of strategies is a new deploy. */
  readonly memoryStrategies?: readonly MemoryStrategy[];
  readonly agents: readonly AgentPlan[];
  readonly builtinToolTypes: readonly BuiltinToolType[];
  readonly skillBundles: readonly SkillBundle[];
  /** Runtime shipped as a code package: its bundled agent's hash is hashed too. Absent for a container. */
  readonly code?: { readonly agentBundleHash: string };
}

/**
 * The hashed projection of spec §9.2: only deploy-relevant data. On Runtime it also carries `templateHash`,
 * because the compiler's own output (generated program, Dockerfile, pinned lockfile) is part of what deploys
 * (DESIGN §8: compiler output is content-addressed), and for a code package the pre-bundled agent's hash.
 */
function hashedProjection(input: HashInput): unknown {
  const skillBundles = input.skillBundles.map(({ name, contentHash }) => ({ name, contentHash }));
  if (input.mode === 'harness') {
    const agent = input.agents[0]!;
    return {
      kind: 'harness',
      name: input.name,
      root: input.root,
      memory: input.memory,
      model: agent.model,
      instruction: agent.instruction,
      mcp: agent.mcp.map(({ server, url, headers }) => ({ server, url, headers })),
      builtinToolTypes: input.builtinToolTypes,
      skillBundles,
    };
  }
  return {
    kind: 'runtime',
    compilerVersion: input.compilerVersion,
    templateHash: input.templateHash,
    // Only code plans carry the artifact, so every container plan keeps the specHash it had.
    ...(input.code ? { artifact: 'code', agentBundleHash: input.code.agentBundleHash } : {}),
    name: input.name,
    root: input.root,
    memory: input.memory,
    ...(input.memoryStrategies ? { memoryStrategies: input.memoryStrategies } : {}),
    agents: input.agents.map((agent) => ({
      name: agent.name,
      description: agent.description,
      model: agent.model,
      instruction: agent.instruction,
      mcp: agent.mcp.map(({ server, url, headers, allowedTools }) => ({
        server,
        url,
        headers,
        allowedTools,
      })),
      skills: agent.skills,
      subagents: agent.subagents,
      builtinToolTypes: agent.builtinToolTypes,
    })),
    skillBundles,
  };
}

/** specHash = hex SHA-256 of the canonical JSON of the projection (spec §9.3). */
export function specHash(input: HashInput): string {
  return sha256Hex(canonicalJson(hashedProjection(input)));
}

/**
 * fingerprint = hex SHA-256 of canonical `{"secretVersions":[[NAME,versionId],…],"specHash":…}`, pairs
 * sorted by NAME (spec §9.4). A secret rotation changes it without changing specHash.
 */
export function fingerprint(spec: string, secretVersions: ReadonlyMap<string, string>): string {
  const pairs = [...secretVersions.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256Hex(canonicalJson({ secretVersions: pairs, specHash: spec }));
}
