/**
 * An error as a Task reports it to the interpreter: `name` is what Retry/Catch match (aws-local-stepfunctions
 * matches `error.name`), `message` becomes the Catch's `Cause`.
 */
export function taskError(name: string, cause: string): Error {
  const error = new Error(cause);
  error.name = name;
  return error;
}

/** The name an SDK error carries, or `Error`. */
export function errorName(error: unknown): string {
  return error instanceof Error && error.name ? error.name : 'Error';
}

/** The message of any thrown value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
