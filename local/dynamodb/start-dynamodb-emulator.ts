import { join } from 'node:path';
import dynalite from 'dynalite';
import type { FaultInjector } from '../faults/index.js';
import { createFaultInjector, FaultKind } from '../faults/index.js';
import { interceptRequests, listen, sendAwsJsonError } from '../http/index.js';
import type { CreateTableInput } from './call-dynamodb.js';
import { callDynamoDb } from './call-dynamodb.js';

/** Options of {@link startDynamoDbEmulator}. */
export interface DynamoDbEmulatorOptions {
  /** Tables live in LevelDB under `<dataDir>/dynamodb/`. */
  readonly dataDir: string;
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default a new injector */
  readonly faults?: FaultInjector;
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

/**
 * Starts DynamoDB (dynalite, tables ACTIVE at once) on loopback with fault injection per operation:
 * `throttle` → `ThrottlingException`, `server_error` → 500 `InternalServerError`, both retried by the SDK.
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
  interceptRequests(server, (req, res) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    const fault = faults.peek(operation);
    if (fault?.kind !== FaultKind.Throttle && fault?.kind !== FaultKind.ServerError) return false;
    faults.take(operation);
    req.resume();
    setTimeout(() => {
      if (fault.kind === FaultKind.Throttle) {
        sendAwsJsonError(
          res,
          400,
          'com.amazonaws.dynamodb.v20120810#ThrottlingException',
          fault.reason ?? 'Rate of requests exceeds the allowed throughput.',
          contentType,
        );
      } else {
        sendAwsJsonError(
          res,
          500,
          'com.amazonaws.dynamodb.v20120810#InternalServerError',
          fault.reason ?? 'Internal server error',
          contentType,
        );
      }
    }, fault.delayMs ?? 0);
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
