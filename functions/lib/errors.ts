import { AgentdropError, type ErrorContext } from '../../core/errors.js';

/**
 * Names of the errors that cross Step Functions. Retry/Catch in `statemachine/deploy.asl.json` match these
 * exact strings (docs/state-machine.md §4), so they are part of the pipeline's contract.
 */
export const PipelineErrorName = {
  StalePlan: 'StalePlan',
  StateConflict: 'StateConflict',
  AgentCoreThrottled: 'AgentCoreThrottled',
  AgentCoreUnavailable: 'AgentCoreUnavailable',
  IamPropagation: 'IamPropagation',
  AccessDenied: 'AccessDenied',
  ResourceFailed: 'ResourceFailed',
  ResourceTimedOut: 'ResourceTimedOut',
  NameCollision: 'NameCollision',
  BuildFailed: 'BuildFailed',
  SmokeTestFailed: 'SmokeTestFailed',
  InvalidInput: 'InvalidInput',
  SecretMissing: 'SecretMissing',
  ConfigMissing: 'ConfigMissing',
  ResourceBusy: 'ResourceBusy',
} as const;
export type PipelineErrorName = (typeof PipelineErrorName)[keyof typeof PipelineErrorName];

/** Names the state machine retries with backoff (transient conditions). */
export const RetryableErrorNames: readonly PipelineErrorName[] = [
  PipelineErrorName.AgentCoreThrottled,
  PipelineErrorName.AgentCoreUnavailable,
  PipelineErrorName.IamPropagation,
  PipelineErrorName.ResourceBusy,
];

/** Names the state machine never retries (business outcomes and broken invariants). */
export const TerminalErrorNames: readonly PipelineErrorName[] = [
  PipelineErrorName.StalePlan,
  PipelineErrorName.BuildFailed,
  PipelineErrorName.SmokeTestFailed,
  PipelineErrorName.ResourceFailed,
  PipelineErrorName.ResourceTimedOut,
  PipelineErrorName.NameCollision,
  PipelineErrorName.InvalidInput,
  PipelineErrorName.SecretMissing,
  PipelineErrorName.AccessDenied,
  PipelineErrorName.StateConflict,
  PipelineErrorName.ConfigMissing,
];

/** Base of the pipeline's errors: an {@link AgentdropError} whose `name` is one of {@link PipelineErrorName}. */
export class PipelineError extends AgentdropError {
  constructor(
    name: PipelineErrorName,
    message: string,
    context: ErrorContext = {},
    code?: string,
    options?: ErrorOptions,
  ) {
    super(name, message, context, code, options);
  }
}

/** Thrown by a deploy step when the STATE `rev` moved since Plan decided; the machine plans again (DESIGN §7). */
export class StalePlanError extends PipelineError {
  constructor(context: { project: string; expectedRev: number; actualRev: number }) {
    super(
      PipelineErrorName.StalePlan,
      `The project state changed since the plan was made (rev ${context.expectedRev} → ${context.actualRev}).`,
      context,
    );
  }
}

/** Thrown when a STATE write finds another `rev` than expected (optimistic lock). */
export class StateConflictError extends PipelineError {
  constructor(context: { project: string; expectedRev: number }, options?: ErrorOptions) {
    super(
      PipelineErrorName.StateConflict,
      `The state of project ${context.project} is no longer at rev ${context.expectedRev}.`,
      context,
      undefined,
      options,
    );
  }
}

/** AgentCore answered with throttling (429 / ThrottlingException); retried by the state machine. */
export class AgentCoreThrottledError extends PipelineError {
  constructor(operation: string, options?: ErrorOptions) {
    super(
      PipelineErrorName.AgentCoreThrottled,
      `AgentCore throttled ${operation}.`,
      { operation },
      undefined,
      options,
    );
  }
}

/** AgentCore answered with a 5xx; retried by the state machine. */
export class AgentCoreUnavailableError extends PipelineError {
  constructor(operation: string, options?: ErrorOptions) {
    super(
      PipelineErrorName.AgentCoreUnavailable,
      `AgentCore could not serve ${operation} right now.`,
      { operation },
      undefined,
      options,
    );
  }
}

/**
 * A freshly created role is not yet usable by AgentCore; retried with a bound (DESIGN §6). The message keeps the
 * service's, so a refusal that outlasts the retries (a missing `iam:PassRole` grant) says what was refused.
 */
export class IamPropagationError extends PipelineError {
  constructor(operation: string, options?: ErrorOptions) {
    const said = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(
      PipelineErrorName.IamPropagation,
      `The execution role is not yet usable for ${operation} (IAM propagation)${said}`,
      { operation },
      undefined,
      options,
    );
  }
}

/**
 * AWS denied a call of the pipeline's own role: a policy gap, not a passing state, so it is never retried
 * (`aws.access_denied`). The message keeps AWS's, which names the role, action and resource.
 */
export class AccessDeniedError extends PipelineError {
  constructor(operation: string, reason: string, options?: ErrorOptions) {
    super(
      PipelineErrorName.AccessDenied,
      `AWS denied ${operation}: ${reason}`,
      { operation },
      'aws.access_denied',
      options,
    );
  }
}

/** The resource reached a *_FAILED status; the message carries AgentCore's `failureReason`. */
export class ResourceFailedError extends PipelineError {
  constructor(context: { resource: string; status: string; failureReason: string | null }) {
    super(
      PipelineErrorName.ResourceFailed,
      `${context.resource} ended in ${context.status}: ${context.failureReason ?? 'no reason given'}.`,
      context,
    );
  }
}

/** The resource did not settle within the bounded number of status polls. */
export class ResourceTimedOutError extends PipelineError {
  constructor(context: { resource: string; status: string; attempts: number }) {
    super(
      PipelineErrorName.ResourceTimedOut,
      `${context.resource} was still ${context.status} after ${context.attempts} status checks.`,
      context,
    );
  }
}

/** A resource with our name exists but is not owned by this stack and project (`name.collision`). */
export class NameCollisionError extends PipelineError {
  constructor(context: { name: string; owner: string | null }) {
    super(
      PipelineErrorName.NameCollision,
      `A resource named ${context.name} already exists and is owned by ${context.owner ?? 'someone else'}.`,
      context,
      'name.collision',
    );
  }
}

/** The smoke test got no reply, an error event, or a reply that does not match `smoke.expect`. */
export class SmokeTestFailedError extends PipelineError {
  constructor(reason: string, context: ErrorContext = {}) {
    super(PipelineErrorName.SmokeTestFailed, `The smoke test failed: ${reason}.`, context);
  }
}

/** A Lambda got an input that breaks its contract (docs/state-machine.md): a bug, never a bad drop. */
export class InvalidInputError extends PipelineError {
  constructor(message: string, context: ErrorContext = {}, code?: string) {
    super(PipelineErrorName.InvalidInput, message, context, code);
  }
}

/**
 * A secret a deploy step needs has no value to read: deleted (or its recorded version removed) since the
 * plan's pre-flight, or never resolved (`secret.missing`). The context names the secret, never a value.
 */
export class SecretMissingError extends PipelineError {
  constructor(message: string, context: ErrorContext, options?: ErrorOptions) {
    super(PipelineErrorName.SecretMissing, message, context, 'secret.missing', options);
  }
}

/** A required environment variable is missing or malformed. */
export class ConfigMissingError extends PipelineError {
  constructor(variable: string, reason = 'is not set') {
    super(PipelineErrorName.ConfigMissing, `Environment variable ${variable} ${reason}.`, { variable });
  }
}

/**
 * The resource is still CREATING or UPDATING from an earlier run (e.g. one that timed out waiting for READY), so
 * AgentCore refuses the change with a conflict; the state retries with backoff until it settles (spec §11).
 */
export class ResourceBusyError extends PipelineError {
  constructor(context: { operation: string; resource: string; status: string }, options?: ErrorOptions) {
    super(
      PipelineErrorName.ResourceBusy,
      `${context.operation} waits: ${context.resource} is still ${context.status} from an earlier change.`,
      context,
      undefined,
      options,
    );
  }
}
