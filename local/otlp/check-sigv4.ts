import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** What the check needs of a request: its method, URL (path and query) and headers as Node parsed them. */
export interface SignedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

/** A refusal as AWS words it: the error type (`x-amzn-ErrorType`) and its message. */
export interface SigV4Refusal {
  readonly type:
    | 'MissingAuthenticationTokenException'
    | 'IncompleteSignatureException'
    | 'InvalidSignatureException';
  readonly message: string;
}

/** How far `x-amz-date` may be from now (AWS refuses a signature more than 5 minutes off). */
const MaxSkewMs = 5 * 60_000;

const Algorithm = 'AWS4-HMAC-SHA256';

/**
 * Checks a SigV4-signed request as an AWS endpoint does: an `AWS4-HMAC-SHA256` Authorization header whose
 * credential scope names `scope.service` and `scope.region`, a signed `host` and `x-amz-date` no more than five
 * minutes off, an `x-amz-content-sha256` (if sent) that matches `body`, and a signature that matches the one
 * computed with `secretOf(accessKeyId)` over `body` (the bytes as sent, before any content-encoding is undone).
 * @returns the signing access key id, or the refusal
 */
export function checkSigV4(
  request: SignedRequest,
  body: Buffer,
  scope: { readonly service: string; readonly region: string },
  secretOf: (accessKeyId: string) => string,
  now: number = Date.now(),
): { readonly accessKeyId: string } | SigV4Refusal {
  const authorization = request.headers.authorization;
  if (authorization === undefined || authorization === '')
    return { type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
  const parsed =
    /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
  if (parsed === null)
    return {
      type: 'IncompleteSignatureException',
      message: `Authorization header requires a SigV4 (${Algorithm}) Credential, SignedHeaders and Signature.`,
    };
  const [, accessKeyId = '', day = '', region, service, signedList = '', signature = ''] = parsed;
  if (service !== scope.service)
    return {
      type: 'InvalidSignatureException',
      message: `Credential should be scoped to correct service: '${scope.service}'.`,
    };
  if (region !== scope.region)
    return {
      type: 'InvalidSignatureException',
      message: `Credential should be scoped to a valid region, not '${region}'.`,
    };
  const signedHeaders = signedList.split(';');
  const amzDate = header(request.headers, 'x-amz-date');
  if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date') || amzDate === undefined)
    return {
      type: 'IncompleteSignatureException',
      message: 'The request must sign the host and x-amz-date headers.',
    };
  const signedAt = Date.parse(
    amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
  );
  if (Number.isNaN(signedAt) || !amzDate.startsWith(day))
    return { type: 'IncompleteSignatureException', message: `Invalid x-amz-date '${amzDate}'.` };
  if (Math.abs(now - signedAt) > MaxSkewMs)
    return {
      type: 'InvalidSignatureException',
      message: `Signature expired: ${amzDate} is not within 5 minutes of the server's time.`,
    };
  const bodyHash = createHash('sha256').update(body).digest('hex');
  const claimedHash = header(request.headers, 'x-amz-content-sha256');
  if (claimedHash !== undefined && claimedHash !== bodyHash)
    return {
      type: 'InvalidSignatureException',
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    };
  const canonicalRequest = [
    request.method,
    canonicalPath(request.url),
    canonicalQuery(request.url),
    ...signedHeaders.map((name) => `${name}:${header(request.headers, name) ?? ''}`),
    '',
    signedList,
    claimedHash ?? bodyHash,
  ].join('\n');
  const credentialScope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = [
    Algorithm,
    amzDate,
    credentialScope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  let key: Buffer = Buffer.from(`AWS4${secretOf(accessKeyId)}`);
  for (const part of [day, region, service, 'aws4_request']) key = hmac(key, part ?? '');
  const expected = createHmac('sha256', key).update(stringToSign).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex')))
    return {
      type: 'InvalidSignatureException',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    };
  return { accessKeyId };
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** A header's canonical value: trimmed, inner runs of spaces collapsed (Node joins repeated headers with ", "). */
function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value.join(',') : value).trim().replace(/\s+/g, ' ');
}

/** The path as sent, each segment encoded once more (SigV4 encodes paths twice for every service but S3). */
function canonicalPath(url: string): string {
  const path = url.split('?')[0] || '/';
  return path.split('/').map(encode).join('/');
}

function canonicalQuery(url: string): string {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  return [...new URLSearchParams(query)]
    .map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .sort()
    .join('&');
}

/** RFC 3986 encoding: everything but unreserved characters. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
