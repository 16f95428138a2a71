import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from '../eventbridge/index.js';
import { createFaultInjector, type FaultInjector } from '../faults/index.js';
import { requiredString, ServiceError, startJsonProtocolServer } from '../http/index.js';
import { type ExecutionRecord, type ExecutionRecorder, recordExecution } from './execution-record.js';

/** Options of {@link startStepFunctionsEmulator}. */
export interface StepFunctionsEmulatorOptions {
  /** @default 'us-west-2' */
  readonly region?: string;
  /** @default '000000000000' */
  readonly accountId?: string;
  /** Name of the one state machine. @default 'agentdrop-deploy' (the ARN the local runner stamps) */
  readonly stateMachineName?: string;
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default a new injector */
  readonly faults?: FaultInjector;
}

/** A running Step Functions emulator: the read side of the local runner's executions. */
export interface StepFunctionsEmulator {
  readonly endpoint: string;
  readonly stateMachineArn: string;
  /** Starts recording a new execution of `input` under a fresh name; the runner must run it under that name. */
  startExecution(input: EventBridgeEvent): ExecutionRecorder;
  /** Every execution, newest first. */
  executions(): readonly ExecutionRecord[];
  stop(): Promise<void>;
}

const maxResultsLimit = 1000;

/**
 * Serves the Step Functions operations a client uses to find and follow runs (`AWSStepFunctions.`, JSON
 * 1.0): ListExecutions, DescribeExecution and GetExecutionHistory over the executions the local runner
 * records here. Executions live as long as the process; STATE and receipts in DynamoDB are what persist.
 */
export async function startStepFunctionsEmulator(
  options: StepFunctionsEmulatorOptions = {},
): Promise<StepFunctionsEmulator> {
  const region = options.region ?? 'us-west-2';
  const accountId = options.accountId ?? '000000000000';
  const machineName = options.stateMachineName ?? 'agentdrop-deploy';
  const stateMachineArn = `arn:aws:states:${region}:${accountId}:stateMachine:${machineName}`;
  const records: ExecutionRecord[] = [];
  const byArn = new Map<string, ExecutionRecord>();
  const find = (input: Readonly<Record<string, unknown>>): ExecutionRecord => {
    const arn = requiredString(input, 'executionArn', 'InvalidArn');
    const record = byArn.get(arn);
    if (record === undefined) {
      throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    }
    return record;
  };

  const server = await startJsonProtocolServer({
    targetPrefix: 'AWSStepFunctions',
    contentType: 'application/x-amz-json-1.0',
    faults: options.faults ?? createFaultInjector({ service: 'stepfunctions' }),
    actionPrefix: 'states',
    port: options.port ?? 0,
    operations: {
      ListExecutions: (input) => {
        const arn = requiredString(input, 'stateMachineArn', 'InvalidArn');
        if (arn !== stateMachineArn) {
          throw new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
        }
        const filter = input.statusFilter;
        const newestFirst = [...records]
          .reverse()
          .filter((record) => filter === undefined || record.status === filter);
        const { items, nextToken } = page(newestFirst, input);
        return {
          executions: items.map((record) => ({
            executionArn: record.executionArn,
            stateMachineArn,
            name: record.name,
            status: record.status,
            startDate: record.startDate / 1000,
            ...(record.stopDate !== undefined ? { stopDate: record.stopDate / 1000 } : {}),
          })),
          ...(nextToken ? { nextToken } : {}),
        };
      },
      DescribeExecution: (input) => {
        const record = find(input);
        return {
          executionArn: record.executionArn,
          stateMachineArn,
          name: record.name,
          status: record.status,
          startDate: record.startDate / 1000,
          ...(record.stopDate !== undefined ? { stopDate: record.stopDate / 1000 } : {}),
          input: JSON.stringify(record.input),
          ...(record.output !== undefined ? { output: record.output } : {}),
          ...(record.error !== undefined ? { error: record.error, cause: record.cause ?? '' } : {}),
        };
      },
      GetExecutionHistory: (input) => {
        const record = find(input);
        const events = input.reverseOrder === true ? [...record.history].reverse() : record.history;
        const { items, nextToken } = page(events, input);
        return { events: items, ...(nextToken ? { nextToken } : {}) };
      },
    },
  });

  return {
    endpoint: server.endpoint,
    stateMachineArn,
    startExecution(input) {
      const name = randomUUID();
      const executionArn = `arn:aws:states:${region}:${accountId}:execution:${machineName}:${name}`;
      const recorder = recordExecution(executionArn, name, input);
      records.push(recorder.record);
      byArn.set(executionArn, recorder.record);
      return recorder;
    },
    executions: () => [...records].reverse(),
    stop: () => server.close(),
  };
}

/** One page of `items` by `maxResults` (default 100, at most 1000) and an offset `nextToken`. */
function page<T>(
  items: readonly T[],
  input: Readonly<Record<string, unknown>>,
): { items: T[]; nextToken?: string } {
  const requested = typeof input.maxResults === 'number' && input.maxResults > 0 ? input.maxResults : 100;
  const size = Math.min(requested, maxResultsLimit);
  const offset = typeof input.nextToken === 'string' ? Number.parseInt(input.nextToken, 10) || 0 : 0;
  const end = offset + size;
  return { items: items.slice(offset, end), ...(end < items.length ? { nextToken: String(end) } : {}) };
}
