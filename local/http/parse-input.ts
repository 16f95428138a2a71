import type { z } from 'zod';
import { ServiceError } from './service-error.js';

/**
 * Parses a JSON request against a schema holding the service model's constraints (required members,
 * lengths), answering what AWS answers when one is broken: `ValidationException` with
 * "1 validation error detected: Value 'x' at 'versionId' failed to satisfy constraint: …".
 * @throws ServiceError `ValidationException` listing every broken constraint.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(describeIssue);
  const count = `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected`;
  throw new ServiceError('ValidationException', `${count}: ${problems.join('; ')}`);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const member = issue.path.map((part) => lowerFirst(String(part))).join('.');
  const value = issue.input === undefined || issue.input === null ? 'null' : `'${String(issue.input)}'`;
  return `Value ${value} at '${member}' failed to satisfy constraint: ${constraintOf(issue)}`;
}

function constraintOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return `Member must have length greater than or equal to ${issue.minimum}`;
    case 'too_big':
      return `Member must have length less than or equal to ${issue.maximum}`;
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? 'Member must not be null'
        : `Member must be a ${issue.expected}`;
    default:
      return issue.message;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
