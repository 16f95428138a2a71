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
