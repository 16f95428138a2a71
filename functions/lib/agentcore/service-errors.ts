import { AgentCoreThrottledError, AgentCoreUnavailableError, IamPropagationError } from '../errors.js';

/** Whether an SDK error is AgentCore's "not found". */
export function isNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === 'ResourceNotFoundException';
}

/** Whether an SDK error is AgentCore's conflict (name taken, token reused, update in progress). */
export function isConflict(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConflictException';
}

/**
 * Turns transient AgentCore failures into the named errors the state machine retries with backoff
 * (throttling, 5xx, IAM propagation on create); anything else is returned unchanged.
 */
export function toTransientError(error: unknown, operation: string, creating = false): unknown {
  if (!(error instanceof Error)) return error;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
  if (error.name === 'ThrottlingException' || status === 429)
    return new AgentCoreThrottledError(operation, { cause: error });
  if (
    error.name === 'InternalServerException' ||
    error.name === 'ServiceUnavailableException' ||
    status >= 500
  ) {
    return new AgentCoreUnavailableError(operation, { cause: error });
  }
  const roleProblem = /role|assume|passrole|trust/i.test(error.message);
  if (
    creating &&
    roleProblem &&
    (error.name === 'ValidationException' || error.name === 'AccessDeniedException')
  ) {
    return new IamPropagationError(operation, { cause: error });
  }
  return error;
}

/** Runs one AgentCore call, rethrowing transient failures as named, retryable errors. */
export async function callAgentCore<T>(
  operation: string,
  call: () => Promise<T>,
  creating = false,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toTransientError(error, operation, creating);
  }
}
