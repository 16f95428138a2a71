import { ServiceError, validationError } from './service-error.js';

/**
 * One page of a list operation: `maxResults` in 1..100 (default 100), `nextToken` an opaque offset that
 * this emulator issued (agentcore-api.md §0.1 MaxResults/NextToken).
 */
export function paginate<T>(items: readonly T[], query: URLSearchParams): { items: T[]; nextToken?: string } {
  const maxText = query.get('maxResults');
  const max = maxText === null ? 100 : Number(maxText);
  if (!Number.isInteger(max) || max < 1 || max > 100) {
    throw validationError([
      {
        name: 'maxResults',
        message: `Value '${maxText}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100`,
      },
    ]);
  }
  const token = query.get('nextToken');
  let start = 0;
  if (token !== null) {
    start = Number(
      Buffer.from(token, 'base64url')
        .toString('utf8')
        .replace(/^offset:/, ''),
    );
    if (!Number.isInteger(start) || start < 0) {
      throw new ServiceError('ValidationException', 'The nextToken is not valid.', {
        reason: 'FieldValidationFailed',
      });
    }
  }
  const page = items.slice(start, start + max);
  const next =
    start + max < items.length ? Buffer.from(`offset:${start + max}`).toString('base64url') : undefined;
  return next === undefined ? { items: page } : { items: page, nextToken: next };
}
