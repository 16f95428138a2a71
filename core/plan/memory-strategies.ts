import { sha256Hex } from './sha256.js';

/** Long-term strategies a runtime's AgentCore Memory may carry (spec §1.3 `memory.strategies`, §8). */
export const MemoryStrategy = {
  Semantic: 'semantic',
  Summary: 'summary',
  UserPreference: 'userPreference',
} as const;
export type MemoryStrategy = (typeof MemoryStrategy)[keyof typeof MemoryStrategy];

/** Every strategy, in the order the manifest documents them. */
export const MemoryStrategies: readonly MemoryStrategy[] = Object.values(MemoryStrategy);

/**
 * The namespace each strategy writes its records under, with the `{actorId}`/`{sessionId}` placeholders
 * AgentCore resolves at extraction time: facts and preferences belong to the actor across sessions, a
 * summary to one session. The pipeline creates the strategies with these namespaces and the runtime agent
 * reads the same ones, so both sides come from this one table.
 */
export const MemoryNamespaces: Readonly<Record<MemoryStrategy, string>> = {
  semantic: '/facts/{actorId}',
  summary: '/summaries/{actorId}/{sessionId}',
  userPreference: '/preferences/{actorId}',
};

/** Memory name limit (`[a-zA-Z][a-zA-Z0-9_]{0,47}`, CreateMemory). */
const MemoryNameLimit = 48;

/**
 * The AgentCore Memory name of a project: `agentdrop_<project>` sanitised as resource names are (spec §6);
 * over 48 characters, the first 41 + `_` + 6 hex of SHA-256 of the full name. One memory per project, so a
 * runtime replaced under another entry keeps what its users told it.
 */
export function memoryName(project: string): string {
  const full = `agentdrop_${project}`.replace(/[^A-Za-z0-9_]/g, '_').toLowerCase();
  if (full.length <= MemoryNameLimit) return full;
  return `${full.slice(0, MemoryNameLimit - 7)}_${sha256Hex(full).slice(0, 6)}`;
}
