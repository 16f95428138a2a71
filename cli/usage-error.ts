/** A command line that cannot be acted on (exit 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
