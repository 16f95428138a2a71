import { createServer } from 'node:http';
import type { Fault, FaultInjector } from '../faults/index.js';
import { callerOf } from '../faults/index.js';
import { answerJsonFault } from './answer-json-fault.js';
import { type AuthorizeRequest, accessKeyIdOf, type RequestIamQuestion } from './authorize.js';
import type { ListeningServer } from './listen.js';
import { listen } from './listen.js';
import { readBody } from './read-body.js';
import { AwsJson11ContentType, sendAwsJsonError, sendJson } from './send-json.js';
import { ServiceError } from './service-error.js';

/**
 * One operation of a JSON-protocol service: parsed input in, output object out (or a thrown ServiceError).
 * `fault` is the fault taken for this call that the protocol layer does not answer itself (`build_failed`, …).
 */
export type JsonOperation = (input: Readonly<Record<string, unknown>>, fault: Fault | undefined) => unknown;

/** How a JSON-protocol emulator is served. */
export interface JsonProtocolServerOptions {
  /** `X-Amz-Target` prefix without the dot, e.g. `AWSEvents`. */
  readonly targetPrefix: string;
  /** Operations by name (`PutEvents`). */
  readonly operations: Readonly<Record<string, JsonOperation>>;
  /**
   * Faults taken once per call (which also records it); `throttle`, `server_error`, `access_denied` and
   * `network_timeout` are answered here, any other kind is handed to the operation.
   */
  readonly faults: FaultInjector;
  /** @default 'application/x-amz-json-1.1' */
  readonly contentType?: string;
  /** The error type the service throttles with. @default 'ThrottlingException' */
  readonly throttlingErrorType?: string;
  /** The error type of a 500. @default 'InternalFailure' */
  readonly serverErrorType?: string;
  /** IAM service prefix named in AccessDenied messages. @default the target prefix in lower case */
  readonly actionPrefix?: string;
  /** @default 0 (a free port) */
  readonly port?: number;
  /**
   * Authorizes each call after faults and before its operation as `<actionPrefix>:<Operation>` on
   * `resourcesOf(operation, input)` (the local cloud's IAM); a denial answers AccessDeniedException.
   * @default every call allowed
   */
  readonly authorize?: AuthorizeRequest;
  /** The ARNs an operation acts on, from its input (each must be allowed). @default `*` */
  readonly resourcesOf?: (operation: string, input: Readonly<Record<string, unknown>>) => readonly string[];
  /**
   * Questions a call raises beyond its own action (PutDeliverySource also asks the log-generating service's
   * `AllowVendedLogDeliveryForResource` on the resource). @default none
   */
  readonly moreQuestionsOf?: (
    operation: string,
    input: Readonly<Record<string, unknown>>,
  ) => readonly RequestIamQuestion[];
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
      const target = String(req.headers['x-amz-target'] ?? '');
      const [prefix, operationName = ''] = target.split('.');
      const operation = options.operations[operationName];
      if (req.method !== 'POST' || prefix !== options.targetPrefix || operation === undefined) {
        req.resume();
        throw new ServiceError(
          'UnknownOperationException',
          `Operation ${target || '(none)'} is not supported.`,
        );
      }
      const fault = options.faults.take(operationName, callerOf(req.headers));
      if (
        answerJsonFault(req, res, operationName, fault, {
          throttlingErrorType: options.throttlingErrorType ?? 'ThrottlingException',
          serverErrorType: options.serverErrorType ?? 'InternalFailure',
          contentType,
          actionPrefix: options.actionPrefix ?? options.targetPrefix.toLowerCase(),
        })
      ) {
        return;
      }
      const body = await readBody(req);
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        throw new ServiceError('SerializationException', 'The request body is not valid JSON.');
      }
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        throw new ServiceError('SerializationException', 'The request body must be a JSON object.');
      }
      const record = input as Record<string, unknown>;
      const verdict = options.authorize?.({
        accessKeyId: accessKeyIdOf(req.headers),
        requests: () => [
          ...(options.resourcesOf?.(operationName, record) ?? ['*']).map((resource) => ({
            action: `${options.actionPrefix ?? options.targetPrefix.toLowerCase()}:${operationName}`,
            resource,
          })),
          ...(options.moreQuestionsOf?.(operationName, record) ?? []),
        ],
      });
      // JSON-protocol services answer an IAM denial with 400 AccessDeniedException.
      if (verdict !== undefined) throw new ServiceError('AccessDeniedException', verdict.denied);
      const output = await operation(record, fault);
      sendJson(res, 200, output ?? {}, contentType);
    }
  });
  return listen(server, options.port ?? 0);
}
