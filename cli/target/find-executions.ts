import { DescribeExecutionCommand, ListExecutionsCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { EventBridgeEvent } from '../../local/eventbridge/index.js';
import type { ExecutionMatch } from './deploy-target.js';
import { ExecutionNotFound } from './errors.js';
import { matchesExecution } from './matches-execution.js';
import type { PollOptions } from './poll-options.js';

/** An execution an action started, with its input. */
export interface FoundExecution {
  readonly executionArn: string;
  readonly startDate: number;
  readonly input: EventBridgeEvent;
}

/** Options of {@link findExecutions}. */
export interface FindExecutionsOptions {
  readonly sfn: SFNClient;
  readonly stateMachineArn: string;
  readonly match: ExecutionMatch;
  /** Epoch milliseconds just before the action. */
  readonly at: number;
  /** Tolerance for the difference between this machine's clock and AWS's. @default 60,000 */
  readonly clockSkewMs?: number;
  readonly poll: PollOptions;
}

/**
 * Finds the execution(s) an action started. EventBridge cannot name executions (aws-practices §1.7), so
 * this lists the executions started since the action (newest first) and reads each one's input — the raw
 * event — for the uploaded object's key and version id, or the redeploy event's id. Polls until one
 * appears; every match of that listing is returned (a duplicate delivery starts a second, skipped run).
 * @throws ExecutionNotFound when none appears within `poll.discoverTimeoutMs`.
 */
export async function findExecutions(options: FindExecutionsOptions): Promise<FoundExecution[]> {
  const { sfn, poll } = options;
  const since = options.at - (options.clockSkewMs ?? 60_000);
  const inputs = new Map<string, EventBridgeEvent | null>();
  const started = poll.now();
  for (;;) {
    const found: FoundExecution[] = [];
    let nextToken: string | undefined;
    listing: do {
      const page = await sfn.send(
        new ListExecutionsCommand({ stateMachineArn: options.stateMachineArn, maxResults: 100, nextToken }),
      );
      for (const item of page.executions ?? []) {
        const startDate = item.startDate?.getTime() ?? 0;
        if (startDate < since) break listing;
        const arn = item.executionArn ?? '';
        if (!inputs.has(arn)) inputs.set(arn, await readInput(sfn, arn));
        const input = inputs.get(arn);
        if (input && matchesExecution(input, options.match))
          found.push({ executionArn: arn, startDate, input });
      }
      nextToken = page.nextToken;
    } while (nextToken);
    if (found.length > 0) return found.sort((a, b) => a.startDate - b.startDate);
    const waited = poll.now() - started;
    if (waited >= poll.discoverTimeoutMs) {
      throw new ExecutionNotFound(describeMatch(options.match), options.stateMachineArn, waited);
    }
    await poll.sleep(poll.intervalMs);
  }
}

function describeMatch(match: ExecutionMatch): string {
  if (match.detailType === 'Redeploy Requested') return `Redeploy Requested (event ${match.eventId})`;
  const what = match.detailType === 'Object Deleted' ? 'the delete of' : 'the upload of';
  return `${what} ${match.key}${match.versionId ? ` (version ${match.versionId})` : ''}`;
}

async function readInput(sfn: SFNClient, executionArn: string): Promise<EventBridgeEvent | null> {
  const { input } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  try {
    const parsed = JSON.parse(input ?? 'null') as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as EventBridgeEvent) : null;
  } catch {
    return null;
  }
}
