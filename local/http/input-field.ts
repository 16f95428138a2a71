import { ServiceError } from './service-error.js';

/**
 * Reads an optional string field of a JSON request, answering `errorType` when it has another type.
 * Services name their validation error differently (`ValidationException`, `InvalidParameterException`).
 */
export function optionalString(
  input: Readonly<Record<string, unknown>>,
  field: string,
  errorType: string,
): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ServiceError(errorType, `${field} must be a string.`);
  return value;
}

/** Reads a required string field; a missing or empty one answers `errorType`. */
export function requiredString(
  input: Readonly<Record<string, unknown>>,
  field: string,
  errorType: string,
): string {
  const value = optionalString(input, field, errorType);
  if (value === undefined || value === '') {
    throw new ServiceError(
      errorType,
      `1 validation error detected: Value null at '${lowerFirst(field)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
