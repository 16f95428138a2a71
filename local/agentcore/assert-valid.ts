import { validationError } from './service-error.js';
import type { checkShape } from './shape-schema.js';

/** Throws a ValidationException listing every problem, if any. */
export function assertValid(problems: ReturnType<typeof checkShape>): void {
  if (problems.length > 0) throw validationError(problems);
}
