import {
  AccessDeniedError,
  AgentCoreThrottledError,
  AgentCoreUnavailableError,
  IamPropagationError,
} from '../errors.js';

/** Whether an SDK error is AgentCore's "not found". */
export function isNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === 'ResourceNotFoundException';
}

/** Whether an SDK error is AgentCore's conflict (name taken, token reused, update in progress). */
export function isConflict(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConflictException';
}

/** How to read the failures of one AgentCore call. */
export interface AgentCoreCallOptions {
  /**
   * The execution role a create request passes. A refusal to assume or pass exactly this role is IAM
   * propagation of a freshly created role, retried with a bound (DESIGN §6).
   * @default none: no failure is read as IAM propagation
   */
  readonly executionRoleArn?: string;
}

/** The IAM denial of a caller: `User: <arn> is not authorized to perform: <action> on resource: <arn> …`. */
const CallerDenial = /is not authorized to perform: (\S+?)(?: on resource: (\S+?))?(?: because|$|\s)/;

/**
 * Turns AgentCore failures into the named errors the state machine matches (docs/state-machine.md §4):
 * throttling and 5xx are retried with backoff; a refusal to assume or pass the execution role is IAM
 * propagation (retried with a bound); any other AccessDenied is a terminal `AccessDenied`
 * (`aws.access_denied`), never propagation — every IAM denial names an `assumed-role`, so the word "role"
 * proves nothing (agentcore-api.md §11). Anything else is returned unchanged.
 */
export function toPipelineError(
  error: unknown,
  operation: string,
  options: AgentCoreCallOptions = {},
): unknown {
  if (!(error instanceof Error)) return error;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
  // Service Quotas (read in preflight) throttles with TooManyRequestsException, a 400.
  if (error.name === 'ThrottlingException' || error.name === 'TooManyRequestsException' || status === 429)
    return new AgentCoreThrottledError(operation, { cause: error });
  if (
    error.name === 'InternalServerException' ||
    error.name === 'ServiceUnavailableException' ||
    status >= 500
  ) {
    return new AgentCoreUnavailableError(operation, { cause: error });
  }
  if (isExecutionRoleRefusal(error, options.executionRoleArn)) {
    return new IamPropagationError(operation, { cause: error });
  }
  if (error.name === 'AccessDeniedException') {
    return new AccessDeniedError(operation, error.message, { cause: error });
  }
  return error;
}

/** Runs one AgentCore call, rethrowing its failures as the pipeline's named errors ({@link toPipelineError}). */
export async function callAgentCore<T>(
  operation: string,
  call: () => Promise<T>,
  options: AgentCoreCallOptions = {},
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toPipelineError(error, operation, options);
  }
}

/**
 * Whether the service refused the execution role itself: a caller denied `iam:PassRole` on exactly that role,
 * or a service message naming that role as not assumable or not trusted. A caller denied any other action is
 * a policy gap, whatever resource it names.
 */
function isExecutionRoleRefusal(error: Error, executionRoleArn: string | undefined): boolean {
  if (executionRoleArn === undefined) return false;
  if (error.name !== 'AccessDeniedException' && error.name !== 'ValidationException') return false;
  const denial = CallerDenial.exec(error.message);
  if (denial) return denial[1] === 'iam:PassRole' && denial[2]?.replace(/\.$/, '') === executionRoleArn;
  return error.message.includes(executionRoleArn) && /assum|trust/i.test(error.message);
}
