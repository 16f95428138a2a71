import { optionalString, ServiceError } from '../http/index.js';

/** An opaque `nextToken` holding the offset of the next page. */
function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

/**
 * The offset a `nextToken` holds; 0 without one.
 * @throws ServiceError InvalidParameterException for a token this emulator did not issue
 */
function decodePageToken(token: string | undefined): number {
  if (token === undefined) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Falls through to the error below.
  }
  throw new ServiceError('InvalidParameterException', 'The specified nextToken is not valid.');
}

/**
 * One page of `items` from the request's `nextToken` and `limit` (1 to `max`; `max` when absent), under `key`,
 * with a `nextToken` while more remain. `errorCode` is the operation family's code for a bad parameter.
 * @throws ServiceError `errorCode` for a limit out of range or a nextToken that is not a string
 */
export function page<T, U>(
  items: readonly T[],
  input: Readonly<Record<string, unknown>>,
  options: { readonly max: number; readonly key: string; readonly errorCode: string },
  shape: (item: T) => U,
): Record<string, U[]> & { nextToken?: string } {
  const offset = decodePageToken(optionalString(input, 'nextToken', options.errorCode));
  const end = offset + limitOf(input, options.max, options.errorCode);
  const result: Record<string, U[]> & { nextToken?: string } = {
    [options.key]: items.slice(offset, end).map(shape),
  } as Record<string, U[]>;
  if (end < items.length) result.nextToken = encodePageToken(end);
  return result;
}

/**
 * The request's `limit`: an integer from 1 to `max`, `max` when absent.
 * @throws ServiceError `errorCode` for any other value
 */
export function limitOf(input: Readonly<Record<string, unknown>>, max: number, errorCode: string): number {
  const value = input.limit;
  if (value === undefined || value === null) return max;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new ServiceError(errorCode, `limit must be an integer from 1 to ${max}.`);
  }
  return value;
}
