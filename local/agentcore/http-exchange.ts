import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceError, validationError } from './service-error.js';

/** Reads the whole request body. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parses a JSON object body; an empty body is `{}`. Anything else is a `CannotParse` ValidationException. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ServiceError('ValidationException', 'Request body is not valid JSON.', {
      reason: 'CannotParse',
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw validationError([{ name: 'body', message: 'Request body must be a JSON object.' }]);
  }
  return parsed as Record<string, unknown>;
}

/** Sends a JSON response with the modeled status. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (status === 204) {
    res.writeHead(204).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Sends an error the SDK resolves by its `x-amzn-errortype` header (agentcore-api.md §1.3). */
export function sendError(res: ServerResponse, error: ServiceError): void {
  if (res.headersSent) {
    res.destroy(error);
    return;
  }
  const text = JSON.stringify(error.body());
  res.writeHead(error.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-errortype': error.errorType,
  });
  res.end(text);
}
