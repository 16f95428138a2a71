import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { DeployTarget } from './deploy-target.js';
import { executionHistoryOrNull } from './execution-history.js';
import { failureName } from './history-translator.js';

/** One state a run entered, as its execution history shows it: the run report's timeline row. */
export interface RunStep {
  readonly state: string;
  /** The ASL type (`Task`, `Choice`, `Wait`, `Pass`, `Parallel`, `Succeed`, `Fail`). */
  readonly stateType: string;
  /** Epoch milliseconds. */
  readonly enteredAt: number;
  /** Null while the state had not exited when the run ended (it stopped there). */
  readonly durationMs: number | null;
  /** `failed`: its last attempt failed (caught, or the run stopped there); `running`: it never exited. */
  readonly outcome: 'succeeded' | 'failed' | 'running';
  /** Attempts after the first (a Retry scheduled the task again). */
  readonly retries: number;
  /** The error name of its last failed attempt, or null. */
  readonly error: string | null;
  /** What the task ran, when the history says (AWS records task parameters; the local cloud does not). */
  readonly task: StepTask | null;
}

/** What a Task state ran: a Lambda function, or a CodeBuild build and its log group. */
export type StepTask =
  | { readonly kind: 'lambda'; readonly functionName: string }
  | {
      readonly kind: 'codebuild';
      readonly projectName: string;
      readonly buildId: string | null;
      readonly logGroupName: string | null;
    };

/**
 * The states a run entered, from its execution history; null when the execution is gone.
 */
export async function readRunSteps(
  target: Pick<DeployTarget, 'executionHistory'>,
  executionArn: string,
): Promise<RunStep[] | null> {
  const history = await executionHistoryOrNull(target, executionArn);
  return history === null ? null : runStepsOf(history);
}

/**
 * Folds a run's `GetExecutionHistory` events (oldest first) into one {@link RunStep} per state entered, in
 * order: a state entered twice (a poll loop's Wait) is two steps. A task failure followed by a new schedule is
 * a retry; one followed by the next state was caught; a state still open when the run ended FAILED, TIMED_OUT
 * or ABORTED is where it stopped. The deploy state machine has no Parallel or Map state, so states never nest.
 */
export function runStepsOf(events: readonly HistoryEvent[]): RunStep[] {
  const steps: Mutable<RunStep>[] = [];
  let current: Mutable<RunStep> | null = null;
  for (const event of events) {
    const type = String(event.type ?? '');
    const at = event.timestamp?.getTime() ?? 0;
    const stateEvent = /^(\w+?)State(Entered|Exited|Aborted)$/.exec(type);
    if (stateEvent?.[2] === 'Entered') {
      // A caught failure moves on without the failed state's exit: entering the next state closes it.
      if (current && current.durationMs === null) close(current, at);
      current = {
        state: event.stateEnteredEventDetails?.name ?? '',
        stateType: stateEvent[1] ?? '',
        enteredAt: at,
        durationMs: null,
        outcome: 'running',
        retries: 0,
        error: null,
        task: null,
      };
      steps.push(current);
    } else if (stateEvent?.[2] === 'Exited') {
      const name = event.stateExitedEventDetails?.name ?? '';
      const step = steps.findLast((candidate) => candidate.state === name && candidate.durationMs === null);
      if (step) close(step, at);
    } else if (current && stateEvent?.[2] === 'Aborted') {
      current.error = 'States.Aborted';
    } else if (current && type === 'TaskScheduled') {
      if (current.error !== null) {
        current.retries += 1;
        current.error = null;
      }
      current.task = scheduledTask(event) ?? current.task;
    } else if (current && (type === 'TaskSucceeded' || type === 'TaskFailed')) {
      current.task = withBuild(current.task, event);
      if (type === 'TaskFailed') current.error = event.taskFailedEventDetails?.error ?? 'States.TaskFailed';
    } else if (current && /(Failed|TimedOut)$/.test(type) && !type.startsWith('Execution')) {
      current.error = failureName(event, type);
    } else if (/^Execution(Failed|Aborted|TimedOut)$/.test(type)) {
      const open = steps.findLast((step) => step.durationMs === null);
      if (open) {
        open.outcome = 'failed';
        open.durationMs = Math.max(0, at - open.enteredAt);
        open.error ??= event.executionFailedEventDetails?.error ?? type;
      }
    }
  }
  return steps;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function close(step: Mutable<RunStep>, at: number): void {
  step.durationMs = Math.max(0, at - step.enteredAt);
  step.outcome = step.error === null ? 'succeeded' : 'failed';
}

/** The function or build project a task's parameters name (`lambda:invoke`, `codebuild:startBuild.sync`). */
function scheduledTask(event: HistoryEvent): StepTask | null {
  const details = event.taskScheduledEventDetails;
  const parameters = asRecord(parseJson(details?.parameters));
  if (details?.resourceType === 'lambda' && typeof parameters.FunctionName === 'string') {
    // `FunctionName` is the ARN the state machine was given, optionally qualified.
    const name = parameters.FunctionName.split(':function:').at(-1)?.split(':')[0] ?? parameters.FunctionName;
    return { kind: 'lambda', functionName: name };
  }
  if (details?.resourceType === 'codebuild' && typeof parameters.ProjectName === 'string') {
    return { kind: 'codebuild', projectName: parameters.ProjectName, buildId: null, logGroupName: null };
  }
  return null;
}

/** A build task's id and log group, from its result (success) or its cause (failure): both are the Build. */
function withBuild(task: StepTask | null, event: HistoryEvent): StepTask | null {
  if (task?.kind !== 'codebuild') return task;
  const text = event.taskSucceededEventDetails?.output ?? event.taskFailedEventDetails?.cause;
  const build = asRecord(asRecord(parseJson(text)).Build);
  const logs = asRecord(build.Logs);
  return {
    ...task,
    buildId: typeof build.Id === 'string' ? build.Id : task.buildId,
    logGroupName: typeof logs.GroupName === 'string' ? logs.GroupName : task.logGroupName,
  };
}

function parseJson(text: string | undefined): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
