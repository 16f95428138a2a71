import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** The `Content-Type` of the AWS JSON 1.1 protocol. */
export const AwsJson11ContentType = 'application/x-amz-json-1.1';

/** Sends a JSON body with a request id header, as AWS services do. */
export function sendJson(
  res: ServerResponse,
  statusCode: number,
  body: unknown,
  contentType: string = AwsJson11ContentType,
  headers: Readonly<Record<string, string>> = {},
): void {
  const payload = Buffer.from(JSON.stringify(body ?? {}));
  res.writeHead(statusCode, {
    'content-type': contentType,
    'content-length': String(payload.length),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(payload);
}

/**
 * Sends an AWS JSON error: the type in both `x-amzn-errortype` and `__type`, which is where the SDK's
 * JSON protocols look for it, and the sentence in `message`.
 */
export function sendAwsJsonError(
  res: ServerResponse,
  statusCode: number,
  type: string,
  message: string,
  contentType: string = AwsJson11ContentType,
): void {
  sendJson(res, statusCode, { __type: type, message }, contentType, { 'x-amzn-errortype': type });
}
