import { toPipelineError } from '../lib/agentcore/index.js';
import { PipelineError } from '../lib/errors.js';

/**
 * Rethrows what the smoke test's invocation must not turn into SmokeTestFailed: the pipeline's named errors
 * (throttling and 5xx, which the SmokeTest state retries; a denial) — whether `callAgentCore` already named them
 * or they came later, out of the response stream. The service failing to answer says nothing about the agent.
 */
export function throwIfTransient(error: unknown, operation: string): void {
  const named = toPipelineError(error, operation);
  if (named instanceof PipelineError) throw named;
}
