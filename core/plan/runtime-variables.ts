/**
 * The variables the pipeline sets on every runtime besides the MCP secret ones; spec §7.2's limit of 50
 * environment variables counts them too.
 */
export const PipelineRuntimeVariables = {
  /** The plan's fingerprint, so a secret rotation always makes a new runtime version (spec §7.4). */
  Fingerprint: 'AGENTDROP_FINGERPRINT',
  /** The project's AgentCore Memory id (spec §8), only when memory is on. */
  MemoryId: 'AGENTDROP_MEMORY_ID',
  /** `true` when the stack's `agentTraces` is on: the agent exports its spans to X-Ray, signed. */
  Observability: 'AGENT_OBSERVABILITY_ENABLED',
} as const;

/**
 * How many of {@link PipelineRuntimeVariables} a runtime may get: the fingerprint, the traces switch (counted even
 * when the stack turns traces off, so a folder's plan does not depend on the stack it lands in) and, with memory,
 * the memory id.
 */
export function pipelineVariableCount(memory: boolean): number {
  const names = Object.values(PipelineRuntimeVariables);
  return memory ? names.length : names.filter((name) => name !== PipelineRuntimeVariables.MemoryId).length;
}
