/** The AgentCore error shapes the emulator answers with (agentcore-api.md §1.3). */
export const ErrorType = {
  Validation: 'ValidationException',
  ServiceQuotaExceeded: 'ServiceQuotaExceededException',
  AccessDenied: 'AccessDeniedException',
  ResourceNotFound: 'ResourceNotFoundException',
  Conflict: 'ConflictException',
  RuntimeClientError: 'RuntimeClientError',
  Throttling: 'ThrottlingException',
  InternalServer: 'InternalServerException',
} as const;
export type ErrorType = (typeof ErrorType)[keyof typeof ErrorType];

const statusOf: Record<ErrorType, number> = {
  ValidationException: 400,
  ServiceQuotaExceededException: 402,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  RuntimeClientError: 424,
  ThrottlingException: 429,
  InternalServerException: 500,
};

/** One invalid member of a request, as ValidationException's `fieldList` carries it. */
export interface FieldProblem {
  readonly name: string;
  readonly message: string;
}

/** An error answered to the caller: `x-amzn-errortype` header, modeled status and JSON body. */
export class ServiceError extends Error {
  readonly status: number;

  constructor(
    readonly errorType: ErrorType,
    message: string,
    readonly extra: { readonly reason?: string; readonly fieldList?: readonly FieldProblem[] } = {},
  ) {
    super(message);
    this.name = errorType;
    this.status = statusOf[errorType];
  }

  /** The JSON body of the error response. */
  body(): Record<string, unknown> {
    return { message: this.message, ...this.extra };
  }
}

/** A `FieldValidationFailed` ValidationException listing every problem found. */
export function validationError(problems: readonly FieldProblem[]): ServiceError {
  const count = problems.length;
  const detail = problems.map((p) => p.message).join('; ');
  return new ServiceError(
    ErrorType.Validation,
    `${count} validation error${count === 1 ? '' : 's'} detected: ${detail}`,
    { reason: 'FieldValidationFailed', fieldList: problems },
  );
}

/** A ResourceNotFoundException. */
export function notFound(message: string): ServiceError {
  return new ServiceError(ErrorType.ResourceNotFound, message);
}

/** A ConflictException. */
export function conflict(message: string): ServiceError {
  return new ServiceError(ErrorType.Conflict, message);
}
