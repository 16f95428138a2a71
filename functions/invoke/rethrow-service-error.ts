import { toPipelineError } from '../lib/agentcore/index.js';
import { PipelineError } from '../lib/errors.js';

/**
 * Rethrows what the smoke test's invocation must not turn into SmokeTestFailed: the pipeline's named service
 * errors (throttling and 5xx, which the SmokeTest state retries; a denial, which fails the run as AccessDenied) —
 * whether `callAgentCore` already named them or they came later, out of the response stream. The service failing
 * to answer says nothing about the agent.
 */
export function rethrowServiceError(error: unknown, operation: string): void {
  const named = toPipelineError(error, operation);
  if (named instanceof PipelineError) throw named;
}
