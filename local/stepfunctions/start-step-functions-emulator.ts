import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from '../eventbridge/index.js';
import { createFaultInjector, type FaultInjector } from '../faults/index.js';
import { requiredString, ServiceError, startJsonProtocolServer } from '../http/index.js';
import { type ExecutionRecord, type ExecutionRecorder, recordExecution } from './execution-record.js';
import { executionArchive, KeptExecutions } from './kept-executions.js';

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
  /**
   * Runs an execution a client started with StartExecution (its recorder is already listed); without it
   * StartExecution is refused, as on a state machine the caller may not start.
   */
  readonly run?: (recorder: ExecutionRecorder) => void;
  /** Stops a running execution a client named in StopExecution; the run then ends ABORTED. */
  readonly stop?: (record: ExecutionRecord) => void;
  /**
   * Where closed executions are kept across restarts (the newest 100). @default none — executions live as
   * long as the process
   */
  readonly historyDir?: string;
}

/** A running Step Functions emulator: the read side of the local runner's executions. */
export interface StepFunctionsEmulator {
  readonly endpoint: string;
  readonly stateMachineArn: string;
  /**
   * Starts recording a new execution of `input` under `name` (default a fresh UUID); the runner must run it
   * under that name.
   */
  startExecution(input: EventBridgeEvent, name?: string): ExecutionRecorder;
  /** Every execution, newest first. */
  executions(): readonly ExecutionRecord[];
  stop(): Promise<void>;
}

const maxResultsLimit = 1000;

/**
 * Serves the Step Functions operations a client uses to start, find, follow and stop runs
 * (`AWSStepFunctions.`, JSON 1.0): StartExecution, StopExecution, ListExecutions, DescribeExecution and
 * GetExecutionHistory over the executions the local runner records here. Executions live as long as the
 * process unless `historyDir` keeps the closed ones (as the local cloud's server does, under its data directory).
 */
export async function startStepFunctionsEmulator(
  options: StepFunctionsEmulatorOptions = {},
): Promise<StepFunctionsEmulator> {
  const region = options.region ?? 'us-west-2';
  const accountId = options.accountId ?? '000000000000';
  const machineName = options.stateMachineName ?? 'agentdrop-deploy';
  const stateMachineArn = `arn:aws:states:${region}:${accountId}:stateMachine:${machineName}`;
  const archive = options.historyDir === undefined ? null : executionArchive(options.historyDir);
  const records: ExecutionRecord[] = archive?.load() ?? [];
  const byArn = new Map<string, ExecutionRecord>(records.map((kept) => [kept.executionArn, kept]));
  // With an archive (the long-lived local server), memory keeps what the archive keeps: the newest closed runs.
  const forgetOldRuns = (): void => {
    if (archive === null) return;
    const closed = records.filter((kept) => kept.status !== 'RUNNING');
    for (const old of closed.slice(0, Math.max(0, closed.length - KeptExecutions))) {
      records.splice(records.indexOf(old), 1);
      byArn.delete(old.executionArn);
    }
  };
  const record = (input: EventBridgeEvent, name: string = randomUUID()): ExecutionRecorder => {
    const executionArn = `arn:aws:states:${region}:${accountId}:execution:${machineName}:${name}`;
    const recorder = recordExecution(executionArn, name, input);
    forgetOldRuns();
    records.push(recorder.record);
    byArn.set(executionArn, recorder.record);
    return archive?.keep(recorder) ?? recorder;
  };
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
      StartExecution: (input) => {
        const arn = requiredString(input, 'stateMachineArn', 'InvalidArn');
        if (arn !== stateMachineArn || options.run === undefined) {
          throw new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
        }
        const text = typeof input.input === 'string' ? input.input : '{}';
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          throw new ServiceError('InvalidExecutionInput', 'Invalid State Machine Execution Input: not JSON.');
        }
        const name = typeof input.name === 'string' ? input.name : randomUUID();
        if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) {
          throw new ServiceError('InvalidName', `Invalid Name: '${name}'`);
        }
        const existing = records.find((candidate) => candidate.name === name);
        if (existing !== undefined) {
          // A STANDARD execution's name is unique for 90 days; the same request while it runs is idempotent.
          if (existing.status === 'RUNNING' && JSON.stringify(existing.input) === JSON.stringify(parsed)) {
            return { executionArn: existing.executionArn, startDate: existing.startDate / 1000 };
          }
          throw new ServiceError(
            'ExecutionAlreadyExists',
            `Execution Already Exists: '${existing.executionArn}'`,
          );
        }
        const recorder = record(parsed as EventBridgeEvent, name);
        options.run(recorder);
        return { executionArn: recorder.record.executionArn, startDate: recorder.record.startDate / 1000 };
      },
      StopExecution: (input) => {
        const execution = find(input);
        if (execution.status === 'RUNNING') options.stop?.(execution);
        return { stopDate: (execution.stopDate ?? Date.now()) / 1000 };
      },
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
    startExecution: record,
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
