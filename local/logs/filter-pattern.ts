import { ServiceError } from '../http/index.js';

/** A compiled term filter pattern: whether a message matches it. */
export type MessageFilter = (message: string) => boolean;

/**
 * Compiles a CloudWatch Logs term pattern (the unstructured form): space-separated terms that must all appear,
 * `"quoted phrases"` matched as written, `-term` that must not appear, and `?term ?term` of which one must
 * appear. Matching is case-sensitive, as on AWS. An empty pattern matches every message.
 * @throws ServiceError `InvalidParameterException` for a JSON (`{ $.x = … }`) or space-delimited (`[a, b]`)
 *   pattern, which the local cloud does not emulate
 */
export function compileFilterPattern(pattern: string | undefined): MessageFilter {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.startsWith('{') || text.startsWith('[')) {
    throw new ServiceError(
      'InvalidParameterException',
      'The local cloud emulates term filter patterns only, not JSON or space-delimited patterns.',
    );
  }
  const required: string[] = [];
  const excluded: string[] = [];
  const anyOf: string[] = [];
  for (const match of text.matchAll(/([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g)) {
    const term = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
    if (match[1] === '-') excluded.push(term);
    else if (match[1] === '?') anyOf.push(term);
    else required.push(term);
  }
  return (message) =>
    required.every((term) => message.includes(term)) &&
    !excluded.some((term) => message.includes(term)) &&
    (anyOf.length === 0 || anyOf.some((term) => message.includes(term)));
}
