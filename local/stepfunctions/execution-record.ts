import type { EventBridgeEvent } from '../eventbridge/index.js';
import type { RunDeployResult, RunnerEvent } from '../runner/index.js';

/** A history event as `GetExecutionHistory` answers it (timestamps in epoch seconds, as the JSON protocol sends). */
export interface HistoryEventJson {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: number;
  readonly type: string;
  readonly [details: string]: unknown;
}

/** One execution of the local state machine, as DescribeExecution and ListExecutions report it. */
export interface ExecutionRecord {
  readonly executionArn: string;
  readonly name: string;
  readonly input: EventBridgeEvent;
  readonly startDate: number;
  status: 'RUNNING' | RunDeployResult['status'];
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  readonly history: HistoryEventJson[];
}

/** Records a run's progress in the Step Functions history format. */
export interface ExecutionRecorder {
  readonly record: ExecutionRecord;
  /** Takes a progress event of the local runner. */
  onEvent(event: RunnerEvent): void;
  /** Closes the execution with the run's result (after its finalizer ran). */
  finish(result: RunDeployResult): void;
  /** Closes it as failed when the runner itself threw. */
  crash(error: unknown): void;
}

/**
 * Starts recording an execution: `ExecutionStarted` now, then `<Type>StateEntered`/`<Type>StateExited`,
 * `TaskFailed` and `TaskScheduled` (a retry) for the runner's events, and the closing `Execution*` event
 * from the run's result — the events cli/target/history-translator.ts reads on AWS.
 */
export function recordExecution(
  executionArn: string,
  name: string,
  input: EventBridgeEvent,
  now: () => number = Date.now,
): ExecutionRecorder {
  const startDate = now();
  const record: ExecutionRecord = { executionArn, name, input, startDate, status: 'RUNNING', history: [] };
  const push = (at: number, type: string, details: Record<string, unknown> = {}): void => {
    const id = record.history.length + 1;
    record.history.push({ id, previousEventId: id - 1, timestamp: at / 1000, type, ...details });
  };
  push(startDate, 'ExecutionStarted', {
    executionStartedEventDetails: { input: JSON.stringify(input), roleArn: '' },
  });
  const stateTypes = new Map<string, string>();
  return {
    record,
    onEvent(event) {
      if (record.status !== 'RUNNING') return;
      if (event.kind === 'state-entered') {
        stateTypes.set(event.state, event.stateType);
        const input = event.input === undefined ? {} : { input: JSON.stringify(event.input) };
        push(event.at, `${event.stateType}StateEntered`, {
          stateEnteredEventDetails: { name: event.state, ...input },
        });
      } else if (event.kind === 'state-exited') {
        push(event.at, `${event.stateType}StateExited`, { stateExitedEventDetails: { name: event.state } });
      } else if (event.kind === 'state-failed') {
        // Only a Task fails with an event of its own; a Fail state ends in the execution's ExecutionFailed.
        if (stateTypes.get(event.state) !== 'Task') return;
        push(event.at, 'TaskFailed', { taskFailedEventDetails: { error: event.error, cause: '' } });
      } else if (event.kind === 'state-retried') {
        // The runner reports the failure (state-failed) before each retry: a retry only schedules the task again.
        push(event.at, 'TaskScheduled', { taskScheduledEventDetails: { resourceType: 'lambda' } });
      }
    },
    finish(result) {
      const at = now();
      record.status = result.status;
      record.stopDate = at;
      if (result.status === 'SUCCEEDED') {
        record.output = JSON.stringify(result.output ?? null);
        push(at, 'ExecutionSucceeded', { executionSucceededEventDetails: { output: record.output } });
      } else if (result.status === 'FAILED') {
        record.error = result.error?.error ?? 'States.Unknown';
        record.cause = result.error?.cause ?? '';
        push(at, 'ExecutionFailed', {
          executionFailedEventDetails: { error: record.error, cause: record.cause },
        });
      } else if (result.status === 'ABORTED') {
        push(at, 'ExecutionAborted', { executionAbortedEventDetails: {} });
      } else {
        push(at, 'ExecutionTimedOut', { executionTimedOutEventDetails: {} });
      }
    },
    crash(error) {
      const at = now();
      record.status = 'FAILED';
      record.error = 'States.Runtime';
      record.cause = error instanceof Error ? error.message : String(error);
      record.stopDate = at;
      push(at, 'ExecutionFailed', {
        executionFailedEventDetails: { error: record.error, cause: record.cause },
      });
    },
  };
}
