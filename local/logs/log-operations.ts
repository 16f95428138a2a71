import type { JsonOperation } from '../http/index.js';
import { optionalString, requiredString, ServiceError } from '../http/index.js';
import { compileFilterPattern } from './filter-pattern.js';
import type { LogStore, StoredLogEvent, StoredLogGroup } from './log-store.js';
import { limitOf, page } from './paging.js';

const invalid = 'InvalidParameterException';

/** What the operations need besides the store. */
export interface LogOperationsContext {
  readonly store: LogStore;
  readonly region: string;
  readonly accountId: string;
  readonly now: () => number;
}

/** `arn:aws:logs:<region>:<account>:log-group:<name>`, the form the log-group resource type has. */
export function logGroupArn(ctx: Pick<LogOperationsContext, 'region' | 'accountId'>, name: string): string {
  return `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`;
}

/**
 * The CloudWatch Logs operations agentdrop uses, with AWS's shapes: CreateLogGroup, CreateLogStream,
 * PutLogEvents, DescribeLogGroups, DescribeLogStreams, GetLogEvents and FilterLogEvents (term patterns).
 */
export function logOperations(ctx: LogOperationsContext): Record<string, JsonOperation> {
  const { store } = ctx;
  return {
    CreateLogGroup: (input) => {
      store.createGroup(requiredString(input, 'logGroupName', invalid), ctx.now());
      return {};
    },
    CreateLogStream: (input) => {
      store.createStream(
        requiredString(input, 'logGroupName', invalid),
        requiredString(input, 'logStreamName', invalid),
        ctx.now(),
      );
      return {};
    },
    PutLogEvents: (input) => {
      const events = Array.isArray(input.logEvents) ? (input.logEvents as unknown[]) : [];
      if (events.length === 0) throw new ServiceError(invalid, 'logEvents must hold at least one event.');
      store.append(
        requiredString(input, 'logGroupName', invalid),
        requiredString(input, 'logStreamName', invalid),
        events.map((event) => {
          const { timestamp, message } = (event ?? {}) as { timestamp?: unknown; message?: unknown };
          if (typeof timestamp !== 'number' || typeof message !== 'string') {
            throw new ServiceError(invalid, 'Each log event needs a numeric timestamp and a string message.');
          }
          return { timestamp, message };
        }),
        ctx.now(),
      );
      return { nextSequenceToken: String(ctx.now()) };
    },
    DescribeLogGroups: (input) => {
      const prefix = optionalString(input, 'logGroupNamePrefix', invalid);
      const pattern = optionalString(input, 'logGroupNamePattern', invalid);
      if (prefix !== undefined && pattern !== undefined) {
        throw new ServiceError(
          invalid,
          'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
        );
      }
      const groups = store
        .listGroups()
        .filter(
          (group) =>
            (prefix === undefined || group.name.startsWith(prefix)) &&
            (pattern === undefined || group.name.includes(pattern)),
        );
      return page(groups, input, { max: 50, key: 'logGroups', errorCode: invalid }, (group) =>
        describeGroup(ctx, group),
      );
    },
    DescribeLogStreams: (input) => {
      const group = store.group(groupNameOf(input));
      const prefix = optionalString(input, 'logStreamNamePrefix', invalid);
      const byTime = input.orderBy === 'LastEventTime';
      if (byTime && prefix !== undefined) {
        throw new ServiceError(invalid, 'Cannot order by LastEventTime with a logStreamNamePrefix.');
      }
      const streams = Object.values(group.streams)
        .filter((stream) => prefix === undefined || stream.name.startsWith(prefix))
        .sort((a, b) =>
          byTime
            ? (a.events.at(-1)?.timestamp ?? a.creationTime) - (b.events.at(-1)?.timestamp ?? b.creationTime)
            : a.name < b.name
              ? -1
              : a.name > b.name
                ? 1
                : 0,
        );
      if (input.descending === true) streams.reverse();
      return page(streams, input, { max: 50, key: 'logStreams', errorCode: invalid }, (stream) => ({
        logStreamName: stream.name,
        creationTime: stream.creationTime,
        ...(stream.events.length > 0
          ? {
              firstEventTimestamp: stream.events[0]!.timestamp,
              lastEventTimestamp: stream.events.at(-1)!.timestamp,
              lastIngestionTime: stream.events.at(-1)!.ingestionTime,
            }
          : {}),
        arn: `${logGroupArn(ctx, group.name)}:log-stream:${stream.name}`,
        storedBytes: 0,
      }));
    },
    GetLogEvents: (input) => {
      const group = store.group(groupNameOf(input));
      const stream = store.stream(group, requiredString(input, 'logStreamName', invalid));
      const start = numberOf(input, 'startTime');
      const end = numberOf(input, 'endTime');
      // GetLogEvents excludes events at endTime (FilterLogEvents includes them).
      const events = stream.events.filter(
        (event) =>
          (start === undefined || event.timestamp >= start) && (end === undefined || event.timestamp < end),
      );
      const limit = limitOf(input, 10_000, invalid);
      const token = optionalString(input, 'nextToken', invalid);
      let from: number;
      let to: number;
      if (token !== undefined) {
        const match = /^([fb])\/(\d+)$/.exec(token);
        if (match === null) throw new ServiceError(invalid, 'The specified nextToken is not valid.');
        const at = Math.min(Number(match[2]), events.length);
        [from, to] =
          match[1] === 'f' ? [at, Math.min(at + limit, events.length)] : [Math.max(0, at - limit), at];
      } else if (input.startFromHead === true) {
        [from, to] = [0, Math.min(limit, events.length)];
      } else {
        [from, to] = [Math.max(0, events.length - limit), events.length];
      }
      return {
        events: events
          .slice(from, to)
          .map(({ timestamp, message, ingestionTime }) => ({ timestamp, message, ingestionTime })),
        nextForwardToken: `f/${String(to).padStart(20, '0')}`,
        nextBackwardToken: `b/${String(from).padStart(20, '0')}`,
      };
    },
    FilterLogEvents: (input) => {
      const group = store.group(groupNameOf(input));
      const names = Array.isArray(input.logStreamNames) ? (input.logStreamNames as string[]) : undefined;
      const prefix = optionalString(input, 'logStreamNamePrefix', invalid);
      if (names !== undefined && prefix !== undefined) {
        throw new ServiceError(
          invalid,
          'logStreamNames and logStreamNamePrefix are mutually exclusive parameters.',
        );
      }
      const matches = compileFilterPattern(optionalString(input, 'filterPattern', invalid));
      const start = numberOf(input, 'startTime');
      const end = numberOf(input, 'endTime');
      const streams = Object.values(group.streams).filter(
        (stream) =>
          (names === undefined || names.includes(stream.name)) &&
          (prefix === undefined || stream.name.startsWith(prefix)),
      );
      const events: (StoredLogEvent & { logStreamName: string })[] = streams
        .flatMap((stream) =>
          stream.events
            .filter(
              (event) =>
                (start === undefined || event.timestamp >= start) &&
                (end === undefined || event.timestamp <= end) &&
                matches(event.message),
            )
            .map((event) => ({ ...event, logStreamName: stream.name })),
        )
        .sort((a, b) => a.timestamp - b.timestamp || a.eventId.localeCompare(b.eventId));
      const { events: found, nextToken } = page(
        events,
        input,
        { max: 10_000, key: 'events', errorCode: invalid },
        (event) => ({
          logStreamName: event.logStreamName,
          timestamp: event.timestamp,
          message: event.message,
          ingestionTime: event.ingestionTime,
          eventId: event.eventId,
        }),
      );
      return {
        events: found,
        searchedLogStreams: streams.map((stream) => ({
          logStreamName: stream.name,
          searchedCompletely: true,
        })),
        ...(nextToken !== undefined ? { nextToken } : {}),
      };
    },
  };
}

/** The group a request names: `logGroupName`, else `logGroupIdentifier` (a name or an ARN). */
function groupNameOf(input: Readonly<Record<string, unknown>>): string {
  const name = optionalString(input, 'logGroupName', invalid);
  const identifier = optionalString(input, 'logGroupIdentifier', invalid);
  if (name !== undefined && identifier !== undefined) {
    throw new ServiceError(invalid, 'LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  const given = name ?? identifier;
  if (given === undefined || given === '')
    throw new ServiceError(invalid, 'Either logGroupName or logGroupIdentifier must be given.');
  // An ARN names the group after `log-group:` (a trailing `:*` is not part of the name).
  const arn = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/.exec(given);
  return arn?.[1] ?? given;
}

function numberOf(input: Readonly<Record<string, unknown>>, field: string): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ServiceError(invalid, `${field} must be a non-negative number of milliseconds.`);
  }
  return value;
}

function describeGroup(ctx: LogOperationsContext, group: StoredLogGroup): Record<string, unknown> {
  const arn = logGroupArn(ctx, group.name);
  return {
    logGroupName: group.name,
    creationTime: group.creationTime,
    metricFilterCount: 0,
    arn: `${arn}:*`,
    logGroupArn: arn,
    storedBytes: Object.values(group.streams).reduce(
      (total, stream) =>
        total + stream.events.reduce((sum, event) => sum + Buffer.byteLength(event.message), 0),
      0,
    ),
    logGroupClass: 'STANDARD',
  };
}
