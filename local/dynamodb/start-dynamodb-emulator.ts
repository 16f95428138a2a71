import { join } from 'node:path';
import dynalite from 'dynalite';
import type { FaultInjector } from '../faults/index.js';
import { callerOf, createFaultInjector } from '../faults/index.js';
import type { AuthorizeRequest } from '../http/index.js';
import {
  accessKeyIdOf,
  answerJsonFault,
  interceptRequests,
  listen,
  readBody,
  replayRequest,
  sendAwsJsonError,
} from '../http/index.js';
import type { CreateTableInput } from './call-dynamodb.js';
import { callDynamoDb } from './call-dynamodb.js';
import { dynamoDbResources } from './dynamodb-resources.js';

/** Options of {@link startDynamoDbEmulator}. */
export interface DynamoDbEmulatorOptions {
  /** Tables live in LevelDB under `<dataDir>/dynamodb/`. */
  readonly dataDir: string;
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default a new injector */
  readonly faults?: FaultInjector;
  /** @default 'us-west-2' */
  readonly region?: string;
  /** @default '000000000000' */
  readonly accountId?: string;
  /**
   * The local cloud's IAM, asked before dynalite sees a call (`dynamodb:<Operation>` on the table or index ARN).
   * @default every call allowed
   */
  readonly authorize?: AuthorizeRequest;
}

/** A running DynamoDB emulator. */
export interface DynamoDbEmulator {
  readonly endpoint: string;
  readonly faults: FaultInjector;
  /** Creates a table unless it exists (no SDK needed; used at start-up). */
  ensureTable(input: CreateTableInput): Promise<void>;
  stop(): Promise<void>;
}

const contentType = 'application/x-amz-json-1.0';
const accessDeniedErrorType = 'com.amazonaws.dynamodb.v20120810#AccessDeniedException';

/** A body dynalite will refuse itself when it is not a JSON object: it then names no resource. */
function parseBody(body: Buffer): Record<string, unknown> {
  try {
    const input: unknown = JSON.parse(body.toString('utf8'));
    return typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Starts DynamoDB (dynalite, tables ACTIVE at once) on loopback with fault injection per operation:
 * `throttle` → `ThrottlingException`, `server_error` → 500 `InternalServerError` (both retried by the SDK),
 * `access_denied` → `AccessDeniedException`, `network_timeout` → no answer.
 * dynalite has no transactions and no TTL (toolchain.md §3).
 */
export async function startDynamoDbEmulator(options: DynamoDbEmulatorOptions): Promise<DynamoDbEmulator> {
  const faults = options.faults ?? createFaultInjector();
  const server = dynalite({
    path: join(options.dataDir, 'dynamodb'),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const target = { region: options.region ?? 'us-west-2', accountId: options.accountId ?? '000000000000' };
  const authorize = options.authorize;
  interceptRequests(server, (req, res, pass) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    const faulted = answerJsonFault(req, res, operation, faults.take(operation, callerOf(req.headers)), {
      throttlingErrorType: 'com.amazonaws.dynamodb.v20120810#ThrottlingException',
      serverErrorType: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
      accessDeniedErrorType,
      contentType,
      actionPrefix: 'dynamodb',
    });
    if (faulted || authorize === undefined) return faulted;
    // The resource is in the body: read it, decide, then hand dynalite a replay of the request.
    void readBody(req)
      .then((body) => {
        const verdict = authorize({
          accessKeyId: accessKeyIdOf(req.headers),
          requests: () =>
            dynamoDbResources(parseBody(body), target).map((resource) => ({
              action: `dynamodb:${operation}`,
              resource,
            })),
        });
        if (verdict === undefined) pass(replayRequest(req, body));
        else sendAwsJsonError(res, 400, accessDeniedErrorType, verdict.denied, contentType);
      })
      .catch((error: unknown) => {
        if (res.headersSent) return res.destroy();
        const message = error instanceof Error ? error.message : String(error);
        sendAwsJsonError(
          res,
          500,
          'com.amazonaws.dynamodb.v20120810#InternalServerError',
          message,
          contentType,
        );
      });
    return true;
  });
  const listening = await listen(server, options.port ?? 0);
  return {
    endpoint: listening.endpoint,
    faults,
    async ensureTable(input) {
      const describe = () =>
        callDynamoDb(listening.endpoint, 'DescribeTable', { TableName: input.TableName });
      let described = await describe();
      if (described.statusCode !== 200) {
        const created = await callDynamoDb(listening.endpoint, 'CreateTable', input);
        if (created.statusCode !== 200) {
          throw new Error(`CreateTable ${input.TableName} failed: ${JSON.stringify(created.body)}`);
        }
        described = await describe();
      }
      // dynalite answers CreateTable with CREATING and flips to ACTIVE on a timer, even with createTableMs 0.
      for (let attempt = 0; tableStatus(described.body) !== 'ACTIVE'; attempt += 1) {
        if (attempt >= 200) throw new Error(`Table ${input.TableName} did not become ACTIVE.`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        described = await describe();
      }
    },
    // dynalite's close also closes its LevelDB store.
    stop: () => listening.close(),
  };
}

function tableStatus(body: unknown): unknown {
  return (body as { Table?: { TableStatus?: unknown } }).Table?.TableStatus;
}
