import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from '../../../local/eventbridge/index.js';
import { createFaultInjector } from '../../../local/faults/index.js';
import { type ListeningServer, ServiceError, startJsonProtocolServer } from '../../../local/http/index.js';
import type { LocalDeployOptions } from '../../../local/pipeline/index.js';
import type { RunDeployResult, RunnerEvent } from '../../../local/runner/index.js';

interface Execution {
  readonly executionArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: number;
  status: string;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  readonly history: Record<string, unknown>[];
}

/**
 * A stand-in for the Step Functions calls the CLI makes (`ListExecutions`, `DescribeExecution`,
 * `GetExecutionHistory`; JSON 1.0, `AWSStepFunctions.`), fed by real local runs: {@link record} names a
 * run the local pipeline starts and turns its progress events into history events as they happen.
 */
export interface FakeStepFunctions extends ListeningServer {
  readonly stateMachineArn: string;
  /** Registers a run starting for `event`; returns the run options that feed its history. */
  record(event: EventBridgeEvent): LocalDeployOptions;
  /** Closes the execution started for `event` with the run's result. */
  finish(event: EventBridgeEvent, result: RunDeployResult): void;
  /** Every call the CLI made, by operation. */
  calls(): Readonly<Record<string, number>>;
}

const seconds = (ms: number): number => ms / 1000;

/** Starts the fake on loopback for the local runner's state machine ARN. */
export async function startFakeStepFunctions(
  region = 'us-west-2',
  accountId = '000000000000',
): Promise<FakeStepFunctions> {
  const stateMachineArn = `arn:aws:states:${region}:${accountId}:stateMachine:agentdrop-deploy`;
  const executions: Execution[] = [];
  const byEvent = new Map<string, Execution>();
  const counts: Record<string, number> = {};
  const find = (arn: unknown): Execution => {
    const execution = executions.find((candidate) => candidate.executionArn === arn);
    if (!execution)
      throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(arn)}'`);
    return execution;
  };
  const counted =
    <T>(name: string, operation: (input: Readonly<Record<string, unknown>>) => T) =>
    (input: Readonly<Record<string, unknown>>): T => {
      counts[name] = (counts[name] ?? 0) + 1;
      return operation(input);
    };
  const server = await startJsonProtocolServer({
    targetPrefix: 'AWSStepFunctions',
    contentType: 'application/x-amz-json-1.0',
    faults: createFaultInjector(),
    operations: {
      ListExecutions: counted('ListExecutions', (input) => {
        if (input.stateMachineArn !== stateMachineArn)
          throw new ServiceError('StateMachineDoesNotExist', 'State Machine Does Not Exist');
        const offset = Number(input.nextToken ?? 0);
        const size = Number(input.maxResults ?? 100);
        const newestFirst = [...executions].reverse();
        const page = newestFirst.slice(offset, offset + size);
        return {
          executions: page.map((execution) => ({
            executionArn: execution.executionArn,
            stateMachineArn,
            name: execution.name,
            status: execution.status,
            startDate: seconds(execution.startDate),
            ...(execution.stopDate ? { stopDate: seconds(execution.stopDate) } : {}),
          })),
          ...(offset + size < newestFirst.length ? { nextToken: String(offset + size) } : {}),
        };
      }),
      DescribeExecution: counted('DescribeExecution', (input) => {
        const execution = find(input.executionArn);
        return {
          executionArn: execution.executionArn,
          stateMachineArn,
          name: execution.name,
          status: execution.status,
          startDate: seconds(execution.startDate),
          input: execution.input,
          ...(execution.stopDate ? { stopDate: seconds(execution.stopDate) } : {}),
          ...(execution.output !== undefined ? { output: execution.output } : {}),
          ...(execution.error !== undefined ? { error: execution.error, cause: execution.cause } : {}),
        };
      }),
      GetExecutionHistory: counted('GetExecutionHistory', (input) => {
        const execution = find(input.executionArn);
        const offset = Number(input.nextToken ?? 0);
        const size = Number(input.maxResults ?? 1000);
        return {
          events: execution.history.slice(offset, offset + size),
          ...(offset + size < execution.history.length ? { nextToken: String(offset + size) } : {}),
        };
      }),
    },
  });

  return {
    ...server,
    stateMachineArn,
    calls: () => ({ ...counts }),
    record: (event) => {
      const name = randomUUID();
      const execution: Execution = {
        executionArn: `arn:aws:states:${region}:${accountId}:execution:agentdrop-deploy:${name}`,
        name,
        input: JSON.stringify(event),
        startDate: Date.now(),
        status: 'RUNNING',
        history: [],
      };
      const add = (at: number, type: string, details: Record<string, unknown> = {}): void => {
        execution.history.push({
          id: execution.history.length + 1,
          previousEventId: execution.history.length,
          timestamp: seconds(at),
          type,
          ...details,
        });
      };
      add(execution.startDate, 'ExecutionStarted', {
        executionStartedEventDetails: {
          input: execution.input,
          roleArn: `arn:aws:iam::${accountId}:role/agentdrop-deploy`,
        },
      });
      executions.push(execution);
      byEvent.set(event.id, execution);
      let currentType = '';
      const onEvent = (progress: RunnerEvent): void => {
        if (progress.kind === 'state-entered') {
          currentType = progress.stateType;
          add(progress.at, `${progress.stateType}StateEntered`, {
            stateEnteredEventDetails: { name: progress.state, input: '{}' },
          });
          if (progress.stateType === 'Task') add(progress.at, 'TaskScheduled');
        } else if (progress.kind === 'state-exited') {
          add(progress.at, `${progress.stateType}StateExited`, {
            stateExitedEventDetails: { name: progress.state, output: '{}' },
          });
        } else if (progress.kind === 'state-failed' && currentType === 'Task') {
          // Only tasks record a failure event; a Fail state's error closes the execution (ExecutionFailed).
          add(progress.at, 'TaskFailed', { taskFailedEventDetails: { error: progress.error, cause: '' } });
        } else if (progress.kind === 'state-retried') {
          add(progress.at, 'TaskScheduled');
        }
      };
      return { executionName: name, waitMs: 25, onEvent };
    },
    finish: (event, result) => {
      const execution = byEvent.get(event.id);
      if (!execution) return;
      const at = Date.now();
      execution.status = result.status;
      execution.stopDate = at;
      if (result.status === 'SUCCEEDED') {
        execution.output = JSON.stringify(result.output);
        execution.history.push({
          id: execution.history.length + 1,
          timestamp: seconds(at),
          type: 'ExecutionSucceeded',
          executionSucceededEventDetails: { output: execution.output },
        });
      } else {
        const type =
          result.status === 'ABORTED'
            ? 'ExecutionAborted'
            : result.status === 'TIMED_OUT'
              ? 'ExecutionTimedOut'
              : 'ExecutionFailed';
        execution.error = result.error?.error ?? 'States.Runtime';
        execution.cause = result.error?.cause ?? '';
        const key = `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
        execution.history.push({
          id: execution.history.length + 1,
          timestamp: seconds(at),
          type,
          [key]: { error: execution.error, cause: execution.cause },
        });
      }
    },
  };
}
