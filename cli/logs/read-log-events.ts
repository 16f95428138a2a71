import {
  type CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  type FilteredLogEvent,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';

/** Which events of a group to read. */
export interface LogQuery {
  /** Epoch milliseconds, inclusive. */
  readonly startTime: number;
  /** Epoch milliseconds, inclusive. @default now */
  readonly endTime?: number;
  readonly logStreamNames?: readonly string[];
  readonly logStreamNamePrefix?: string;
  readonly filterPattern?: string;
}

/** Events read from one group at most: a run's window holds far fewer; a busy agent's is cut here. */
const MaxEventsPerGroup = 10_000;

/**
 * The group's events in the window, oldest first, read with FilterLogEvents page by page. A group that does not
 * exist yet (nothing has logged there: a function not invoked, an agent not started) reads as empty.
 */
export async function readLogEvents(
  logs: CloudWatchLogsClient,
  group: string,
  query: LogQuery,
): Promise<FilteredLogEvent[]> {
  const events: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await logs.send(
        new FilterLogEventsCommand({
          logGroupName: group,
          startTime: query.startTime,
          ...(query.endTime !== undefined ? { endTime: query.endTime } : {}),
          ...(query.logStreamNames ? { logStreamNames: [...query.logStreamNames] } : {}),
          ...(query.logStreamNamePrefix ? { logStreamNamePrefix: query.logStreamNamePrefix } : {}),
          ...(query.filterPattern ? { filterPattern: query.filterPattern } : {}),
          nextToken,
        }),
      );
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken && events.length < MaxEventsPerGroup);
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return [];
    throw error;
  }
  return events.slice(0, MaxEventsPerGroup);
}

/** The names of the groups that start with `prefix` (DescribeLogGroups), sorted. */
export async function logGroupsWithPrefix(logs: CloudWatchLogsClient, prefix: string): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, nextToken }));
    for (const group of page.logGroups ?? []) if (group.logGroupName) names.push(group.logGroupName);
    nextToken = page.nextToken;
  } while (nextToken);
  return names.sort();
}
