import { createHash } from 'node:crypto';
import type { EmulatorContext, OperationReply } from './emulator-context.js';
import { resourceExists } from './emulator-state.js';
import { conflict, ServiceError } from './service-error.js';

/**
 * Runs a mutating operation under `clientToken` idempotency (agentcore-api.md §14): the same token and
 * parameters replay the original answer; the same token with other parameters is a ValidationException
 * (`IdempotentParameterMismatchException`); the token of a resource deleted since is a ConflictException
 * whose message says to retry without the token. Without a token the operation simply runs.
 */
export function withClientToken(
  ctx: EmulatorContext,
  operation: string,
  token: unknown,
  parameters: unknown,
  run: () => { reply: OperationReply; resourceArn: string },
): OperationReply {
  if (typeof token !== 'string') return run().reply;
  const key = `${operation}:${token}`;
  const bodyHash = hashOf(parameters);
  const seen = ctx.state.tokens[key];
  if (seen !== undefined && !operation.startsWith('Delete') && !resourceExists(ctx.state, seen.resourceArn)) {
    throw conflict(
      `The clientToken ${token} was used for a resource that has since been deleted (${seen.resourceArn}). Retry the request without a clientToken.`,
    );
  }
  // The answer is dropped once its resource is gone (settleState): a Delete then runs again, and finds nothing.
  if (seen?.status !== undefined) {
    if (seen.bodyHash !== bodyHash) {
      throw new ServiceError(
        'ValidationException',
        `The clientToken ${token} was already used with different request parameters.`,
        { reason: 'IdempotentParameterMismatchException' },
      );
    }
    return { status: seen.status, body: seen.body };
  }
  const { reply, resourceArn } = run();
  ctx.state.tokens[key] = { bodyHash, resourceArn, status: reply.status, body: reply.body };
  return reply;
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key, item]) => key !== 'clientToken' && item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
