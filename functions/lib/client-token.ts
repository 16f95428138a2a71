import { createHash } from 'node:crypto';

/**
 * A deterministic idempotency token for one deploy's create call (AgentCore `ClientToken`: 33–256
 * characters of `[a-zA-Z0-9-]`): a retried Lambda creates the same resource, never a duplicate.
 */
export function clientToken(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}
