import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** Sends an S3 REST-XML error (`<Error><Code>…`), which the SDK reads as the exception name. */
export function sendS3Error(res: ServerResponse, statusCode: number, code: string, message: string): void {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId></Error>`;
  res.writeHead(statusCode, { 'content-type': 'application/xml', 'x-amz-request-id': requestId });
  res.end(body);
}
