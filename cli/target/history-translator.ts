import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { ExecutionStatus } from '../../functions/lib/execution-status/index.js';
import type { RunnerEvent } from '../../local/runner/index.js';

/** Turns Step Functions history events, fed in order, into the progress events the local runner emits. */
export interface HistoryTranslator {
  /** Translates the next history event (events already seen, by id, are ignored). */
  push(event: HistoryEvent): RunnerEvent[];
  /** Id of the last event taken. */
  readonly lastEventId: number;
  /** States entered so far. */
  readonly transitions: number;
  /** The deploy id from the Plan or Replan state's output (`$.plan.deployId`), once seen. */
  readonly deployId: string | null;
  /** The execution's end, once its closing event was seen. */
  readonly finished: {
    readonly status: ExecutionStatus;
    readonly at: number;
    readonly error?: { readonly error: string; readonly cause: string };
  } | null;
}

const ClosingStatus: Readonly<Record<string, ExecutionStatus>> = {
  ExecutionSucceeded: ExecutionStatus.Succeeded,
  ExecutionFailed: ExecutionStatus.Failed,
  ExecutionAborted: ExecutionStatus.Aborted,
  ExecutionTimedOut: ExecutionStatus.TimedOut,
};

/** States whose output carries the decision, and with it the deploy id (docs/state-machine.md §2.1). */
const PlanStates = new Set(['Plan', 'Replan']);

/**
 * Creates a translator from `GetExecutionHistory` events to {@link RunnerEvent}s: `<Type>StateEntered` →
 * `state-entered`, `<Type>StateExited` → `state-exited` (with its duration), a task's `*Failed`/`*TimedOut`
 * → `state-retried` when the same state is scheduled again, else `state-failed`, `*StateAborted` →
 * `state-failed`, and the closing `Execution*` event → `execution-finished`.
 */
export function createHistoryTranslator(): HistoryTranslator {
  let lastEventId = 0;
  let transitions = 0;
  let deployId: string | null = null;
  let finished: HistoryTranslator['finished'] = null;
  let current: string | null = null;
  const entered = new Map<string, number>();
  const attempts = new Map<string, number>();
  let pendingFailure: { state: string; error: string; at: number } | null = null;

  const flushFailure = (out: RunnerEvent[]): void => {
    if (!pendingFailure) return;
    out.push({ kind: 'state-failed', ...pendingFailure });
    pendingFailure = null;
  };

  return {
    push(event) {
      const out: RunnerEvent[] = [];
      const id = event.id ?? 0;
      if (id <= lastEventId) return out;
      lastEventId = id;
      const type = String(event.type ?? '');
      const at = event.timestamp?.getTime() ?? 0;
      if (pendingFailure && /Scheduled$/.test(type) && current === pendingFailure.state) {
        const attempt = (attempts.get(current) ?? 0) + 1;
        attempts.set(current, attempt);
        out.push({ kind: 'state-retried', state: current, attempt, at });
        pendingFailure = null;
        return out;
      }
      flushFailure(out);
      const stateType = /^(\w+?)State(Entered|Exited|Aborted)$/.exec(type);
      if (stateType?.[2] === 'Entered') {
        const name = event.stateEnteredEventDetails?.name ?? '';
        transitions += 1;
        current = name;
        entered.set(name, at);
        out.push({ kind: 'state-entered', state: name, stateType: stateType[1] ?? '', at });
      } else if (stateType?.[2] === 'Exited') {
        const name = event.stateExitedEventDetails?.name ?? '';
        if (PlanStates.has(name)) deployId = planDeployId(event.stateExitedEventDetails?.output) ?? deployId;
        out.push({
          kind: 'state-exited',
          state: name,
          stateType: stateType[1] ?? '',
          at,
          durationMs: at - (entered.get(name) ?? at),
        });
      } else if (stateType?.[2] === 'Aborted') {
        out.push({ kind: 'state-failed', state: current ?? '', error: 'States.Aborted', at });
      } else if (ClosingStatus[type]) {
        const details =
          event.executionFailedEventDetails ??
          event.executionAbortedEventDetails ??
          event.executionTimedOutEventDetails;
        if (type === 'ExecutionSucceeded') {
          deployId = planDeployId(event.executionSucceededEventDetails?.output) ?? deployId;
        }
        const status = ClosingStatus[type] as ExecutionStatus;
        finished = {
          status,
          at,
          ...(status === ExecutionStatus.Failed
            ? { error: { error: details?.error ?? 'States.Unknown', cause: details?.cause ?? '' } }
            : {}),
        };
        out.push({ kind: 'execution-finished', status, at });
      } else if (/(Failed|TimedOut)$/.test(type) && !type.startsWith('Execution') && current) {
        pendingFailure = { state: current, error: failureName(event, type), at };
      }
      return out;
    },
    get lastEventId() {
      return lastEventId;
    },
    get transitions() {
      return transitions;
    },
    get deployId() {
      return deployId;
    },
    get finished() {
      return finished;
    },
  };
}

/** `error` of a task's failure details (`taskFailedEventDetails`, `lambdaFunctionTimedOutEventDetails`, …). */
export function failureName(event: HistoryEvent, type: string): string {
  const key = `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
  const details = (event as unknown as Record<string, { error?: string } | undefined>)[key];
  return details?.error ?? (type.endsWith('TimedOut') ? 'States.Timeout' : 'States.TaskFailed');
}

/** `$.plan.deployId` of a state's or the execution's output, or null. */
function planDeployId(output: string | undefined): string | null {
  if (!output) return null;
  try {
    const document = JSON.parse(output) as { plan?: { deployId?: unknown } };
    return typeof document.plan?.deployId === 'string' ? document.plan.deployId : null;
  } catch {
    return null;
  }
}
