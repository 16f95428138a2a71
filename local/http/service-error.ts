import type { ErrorContext } from '../../core/errors.js';
import { AgentdropError } from '../../core/errors.js';

/**
 * An error an emulator answers with, in the service's own terms: `name` is the AWS error type
 * (`ResourceNotFoundException`), `statusCode` the HTTP status the service uses for it.
 */
export class ServiceError extends AgentdropError {
  constructor(
    type: string,
    message: string,
    readonly statusCode: number = 400,
    context: ErrorContext = {},
  ) {
    super(type, message, context);
  }
}
