import { createServer } from 'node:http';
import type { FaultInjector } from '../faults/index.js';
import { FaultKind } from '../faults/index.js';
import type { ListeningServer } from './listen.js';
import { listen } from './listen.js';
import { readBody } from './read-body.js';
import { AwsJson11ContentType, sendAwsJsonError, sendJson } from './send-json.js';
import { ServiceError } from './service-error.js';

/** One operation of a JSON-protocol service: parsed input in, output object out (or a thrown ServiceError). */
export type JsonOperation = (input: Readonly<Record<string, unknown>>) => unknown;

/** How a JSON-protocol emulator is served. */
export interface JsonProtocolServerOptions {
  /** `X-Amz-Target` prefix without the dot, e.g. `AWSEvents`. */
  readonly targetPrefix: string;
  /** Operations by name (`PutEvents`). */
  readonly operations: Readonly<Record<string, JsonOperation>>;
  /** Faults consulted before each operation; `throttle` and `server_error` are answered here. */
  readonly faults: FaultInjector;
  /** @default 'application/x-amz-json-1.1' */
  readonly contentType?: string;
  /** The error type the service throttles with. @default 'ThrottlingException' */
  readonly throttlingErrorType?: string;
  /** The error type of a 500. @default 'InternalFailure' */
  readonly serverErrorType?: string;
  /** @default 0 (a free port) */
  readonly port?: number;
}

/**
 * Serves an AWS JSON 1.0/1.1 protocol on loopback, dispatching on `X-Amz-Target` the way the real SDK
 * clients call it. Unknown targets → `UnknownOperationException`; malformed JSON → `SerializationException`.
 */
export async function startJsonProtocolServer(options: JsonProtocolServerOptions): Promise<ListeningServer> {
  const contentType = options.contentType ?? AwsJson11ContentType;
  const server = createServer((req, res) => {
    void handle().catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      if (error instanceof ServiceError) {
        sendAwsJsonError(res, error.statusCode, error.name, error.message, contentType);
      } else {
        const message = error instanceof Error ? error.message : String(error);
        sendAwsJsonError(res, 500, options.serverErrorType ?? 'InternalFailure', message, contentType);
      }
    });

    async function handle(): Promise<void> {
      const body = await readBody(req);
      const target = String(req.headers['x-amz-target'] ?? '');
      const [prefix, operationName = ''] = target.split('.');
      const operation = options.operations[operationName];
      if (req.method !== 'POST' || prefix !== options.targetPrefix || operation === undefined) {
        throw new ServiceError(
          'UnknownOperationException',
          `Operation ${target || '(none)'} is not supported.`,
        );
      }
      const fault = options.faults.peek(operationName);
      if (fault?.kind === FaultKind.Throttle || fault?.kind === FaultKind.ServerError) {
        options.faults.take(operationName);
        if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        if (fault.kind === FaultKind.Throttle) {
          throw new ServiceError(
            options.throttlingErrorType ?? 'ThrottlingException',
            fault.reason ?? 'Rate exceeded',
            400,
          );
        }
        throw new ServiceError(
          options.serverErrorType ?? 'InternalFailure',
          fault.reason ?? 'The request processing has failed because of an unknown error.',
          500,
        );
      }
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        throw new ServiceError('SerializationException', 'The request body is not valid JSON.');
      }
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        throw new ServiceError('SerializationException', 'The request body must be a JSON object.');
      }
      const output = await operation(input as Record<string, unknown>);
      sendJson(res, 200, output ?? {}, contentType);
    }
  });
  return listen(server, options.port ?? 0);
}
