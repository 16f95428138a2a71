import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { ExecutionStatus } from '../../functions/lib/execution-status/index.js';
import type { RunnerEvent } from '../../local/runner/index.js';
import { FollowTimedOut } from './errors.js';
import { createHistoryTranslator } from './history-translator.js';
import type { PollOptions } from './poll-options.js';

/** What following an execution to its end learned. */
export interface FollowedExecution {
  readonly executionArn: string;
  readonly status: ExecutionStatus;
  readonly error?: { readonly error: string; readonly cause: string };
  readonly transitions: number;
  readonly durationMs: number;
  readonly deployId: string | null;
}

/**
 * Polls `GetExecutionHistory` every `poll.intervalMs`, passing each new event, translated, to `onEvent`
 * until the execution closes; then reads its dates from `DescribeExecution`.
 * @throws FollowTimedOut when it is still running after `poll.timeoutMs`.
 */
export async function followExecution(
  sfn: SFNClient,
  executionArn: string,
  poll: PollOptions,
  onEvent: (event: RunnerEvent) => void = () => undefined,
): Promise<FollowedExecution> {
  const translator = createHistoryTranslator();
  const started = poll.now();
  for (;;) {
    for (const event of await readHistory(sfn, executionArn)) {
      for (const translated of translator.push(event)) onEvent(translated);
    }
    if (translator.finished) break;
    if (poll.now() - started >= poll.timeoutMs) throw new FollowTimedOut(executionArn, poll.now() - started);
    await poll.sleep(poll.intervalMs);
  }
  const finished = translator.finished;
  const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  const startDate = described.startDate?.getTime() ?? started;
  const stopDate = described.stopDate?.getTime() ?? finished.at;
  const status = (described.status as ExecutionStatus | undefined) ?? finished.status;
  const error =
    finished.error ??
    (status === ExecutionStatus.Failed
      ? { error: described.error ?? 'States.Unknown', cause: described.cause ?? '' }
      : undefined);
  return {
    executionArn,
    status,
    ...(error ? { error } : {}),
    transitions: translator.transitions,
    durationMs: Math.max(0, stopDate - startDate),
    deployId: translator.deployId,
  };
}

/** The whole history, oldest first (a run of this state machine has a few hundred events at most). */
export async function readHistory(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({
        executionArn,
        maxResults: 1000,
        includeExecutionData: true,
        nextToken,
      }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}
