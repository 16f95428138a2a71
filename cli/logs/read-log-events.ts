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
  /** Epoch milliseconds, inclusive. */
  readonly endTime: number;
  readonly logStreamNames?: readonly string[];
  readonly logStreamNamePrefix?: string;
  readonly filterPattern?: string;
}

/** Events read from one group at most: a run's window holds far fewer; a busy agent's is cut here. */
export const MaxEventsPerGroup = 10_000;

/** What a follow has seen of one read: the newest timestamp and the events seen near it. */
export interface ReadCursor {
  readonly at: number;
  /** Ids of the events seen (or left out by the cap) with a timestamp of at least `at - FollowOverlapMs`. */
  readonly seen: ReadonlyMap<string, number>;
  /** Where the cap last cut: older events are not read again. */
  readonly floor: number;
}

/** The cursors of a follow's reads, by a key naming the read (group and streams). */
export type ReadCursors = Map<string, ReadCursor>;

export function newReadCursors(): ReadCursors {
  return new Map();
}

/**
 * How far before its cursor a follow reads again: CloudWatch Logs can make an event searchable after a newer one
 * (writers batch, clocks differ), and one that arrives this late is still shown once (the ids seen since are
 * kept to skip the rest). One arriving later than this is missed.
 */
export const FollowOverlapMs = 5_000;

/** The share of the room left that a slice is sized to hold, below 1 so that an even spread fits in one read. */
const Fill = 0.9;

/** How to read. */
export interface ReadOptions {
  /** Events kept at most: the newest. @default {@link MaxEventsPerGroup} */
  readonly maxEvents?: number;
  /** A follow's cursors: the read starts from where `key`'s last one ended and returns only events not seen. */
  readonly cursors?: ReadCursors;
  readonly key?: string;
}

/** The events read, oldest first, and when the cap left older ones out, the time of the oldest one kept. */
export interface LogRead {
  readonly events: FilteredLogEvent[];
  /** Epoch milliseconds: events before this (and maybe some at it) were left out; null when none were. */
  readonly cutBefore: number | null;
}

/**
 * The newest `maxEvents` events of the group in the window, oldest first. FilterLogEvents returns the oldest
 * first and has no reverse order, so the window is read from its end backward in slices: the whole window first
 * (the common case: one read); a slice holding more than the room left is narrowed toward its newer end (to the
 * width the events read suggest, at most half) and read again; the slice after one read whole is sized by its
 * density. Each read stops one event past the room left (FilterLogEvents has a low per-account call rate). A group
 * that does not exist yet (nothing has logged there: a function not invoked, an agent not started) reads as empty.
 */
export async function readNewestLogEvents(
  logs: CloudWatchLogsClient,
  group: string,
  query: LogQuery,
  options: ReadOptions = {},
): Promise<LogRead> {
  const max = options.maxEvents ?? MaxEventsPerGroup;
  const cursor = options.key === undefined ? undefined : options.cursors?.get(options.key);
  const start =
    cursor === undefined
      ? query.startTime
      : Math.max(query.startTime, cursor.at - FollowOverlapMs, cursor.floor);
  const unseen = (event: FilteredLogEvent): boolean =>
    cursor === undefined || event.eventId === undefined || !cursor.seen.has(event.eventId);
  const slices: FilteredLogEvent[][] = [];
  let kept = 0;
  let end = query.endTime;
  let width = end - start + 1;
  let cutBefore: number | null = null;
  const left: FilteredLogEvent[] = [];
  // Where a slice to `end` is known to hold more than the room left (one read past the room said so): slices
  // start after it, and once the room is filled, older events are known to be left out.
  let known: number | null = null;
  try {
    while (end >= start && kept < max) {
      const room = max - kept;
      let from = Math.max(start, end - width + 1);
      if (known !== null && from <= known) from = known + Math.ceil((end - known) / 2);
      const window = { ...query, startTime: from, endTime: end };
      const slice = await readForward(logs, group, window, room + 1, unseen);
      const spanned = end - from + 1;
      if (slice.length <= room) {
        slices.unshift(slice);
        kept += slice.length;
        end = from - 1;
        // The next slice sized to hold the room left at this slice's density (an empty one: four times as wide).
        width =
          slice.length === 0
            ? spanned * 4
            : Math.max(1, Math.floor((Fill * (max - kept) * spanned) / slice.length));
      } else if (from < end) {
        known = from;
        // Narrower: sized to the room at the density of the events read (which lie in the slice's older part),
        // and at most an eighth as wide, so the slices shrink fast whatever the events' spread.
        const over = (slice[room]!.timestamp ?? from) - from + 1;
        width = Math.max(1, Math.min(Math.ceil(spanned / 8), Math.floor((Fill * room * over) / (room + 1))));
      } else {
        // One millisecond holds more than the room left: its newest ones.
        const all = await readForward(logs, group, window, Infinity, unseen);
        slices.unshift(all.slice(-room));
        left.push(...all.slice(0, -room));
        kept = max;
        cutBefore = from;
        end = from - 1;
      }
    }
    if (cutBefore === null && kept >= max && end >= start) {
      const older =
        known !== null && end >= known
          ? [true]
          : await readForward(logs, group, { ...query, startTime: start, endTime: end }, 1, unseen);
      if (older.length > 0) cutBefore = end + 1;
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException')
      return { events: [], cutBefore: null };
    throw error;
  }
  const events = slices.flat();
  if (cutBefore !== null && events.length > 0) cutBefore = events[0]!.timestamp ?? cutBefore;
  if (options.key !== undefined && options.cursors !== undefined) {
    options.cursors.set(options.key, advance(cursor, [...left, ...events], cutBefore));
  }
  return { events, cutBefore };
}

/**
 * The cursor after `events` were returned (or left out at the cut's millisecond): their newest time, the ids
 * within the overlap before it, and the cut, below which nothing is read again.
 */
function advance(
  cursor: ReadCursor | undefined,
  events: readonly FilteredLogEvent[],
  cutBefore: number | null,
): ReadCursor {
  let at = cursor?.at ?? 0;
  for (const event of events) at = Math.max(at, event.timestamp ?? 0);
  const seen = new Map<string, number>();
  for (const [id, time] of cursor?.seen ?? []) if (time >= at - FollowOverlapMs) seen.set(id, time);
  for (const event of events) {
    const time = event.timestamp ?? 0;
    if (event.eventId !== undefined && time >= at - FollowOverlapMs) seen.set(event.eventId, time);
  }
  return { at, seen, floor: Math.max(cursor?.floor ?? 0, cutBefore ?? 0) };
}

/** The first `need` events of the window that `keep` accepts, page by page, oldest first. */
async function readForward(
  logs: CloudWatchLogsClient,
  group: string,
  query: LogQuery,
  need: number,
  keep: (event: FilteredLogEvent) => boolean,
): Promise<FilteredLogEvent[]> {
  const events: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: group,
        startTime: query.startTime,
        endTime: query.endTime,
        ...(query.logStreamNames ? { logStreamNames: [...query.logStreamNames] } : {}),
        ...(query.logStreamNamePrefix ? { logStreamNamePrefix: query.logStreamNamePrefix } : {}),
        ...(query.filterPattern ? { filterPattern: query.filterPattern } : {}),
        limit: Math.min(MaxEventsPerGroup, need - events.length),
        nextToken,
      }),
    );
    for (const event of page.events ?? []) if (keep(event)) events.push(event);
    nextToken = page.nextToken;
  } while (nextToken && events.length < need);
  return events.slice(0, need);
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
