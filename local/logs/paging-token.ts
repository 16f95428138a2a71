import { ServiceError } from '../http/index.js';

/** An opaque `nextToken` holding the offset of the next page. */
export function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

/**
 * The offset a `nextToken` holds; 0 without one.
 * @throws ServiceError InvalidParameterException for a token this emulator did not issue
 */
export function decodePageToken(token: string | undefined): number {
  if (token === undefined) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Falls through to the error below.
  }
  throw new ServiceError('InvalidParameterException', 'The specified nextToken is not valid.');
}
