import { toTransientError } from '../lib/agentcore/index.js';
import { AgentCoreThrottledError, AgentCoreUnavailableError } from '../lib/errors.js';

/**
 * Rethrows throttling and 5xx of the smoke test's invocation as the named errors the SmokeTest state retries:
 * the service failing to answer says nothing about the agent, so it must not become SmokeTestFailed.
 */
export function throwIfTransient(error: unknown, operation: string): void {
  const transient = toTransientError(error, operation);
  if (transient instanceof AgentCoreThrottledError || transient instanceof AgentCoreUnavailableError)
    throw transient;
}
