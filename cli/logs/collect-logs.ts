import type { CloudWatchLogsClient, FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { LogGroupNames } from '../../functions/lib/log-group-names.js';
import type { ProjectState } from '../../functions/lib/store/index.js';
import type { DeployTarget } from '../target/deploy-target.js';
import { executionHistoryOrNull } from '../target/execution-history.js';
import { PipelineLogFunctions } from '../target/pipeline-log-groups.js';
import { type InvocationCorrelator, invocationCorrelator } from './correlate-invocations.js';
import { byTime, type LogEntry, type LogSource } from './log-entry.js';
import {
  type LogQuery,
  logGroupsWithPrefix,
  MaxEventsPerGroup,
  newReadCursors,
  type ReadCursors,
  readNewestLogEvents,
} from './read-log-events.js';
import { goneRunLog, runLogOf } from './run-entries.js';

/** What `agentdrop logs` shows. */
export interface LogsRequest {
  /** The deploy whose run, build and function lines are shown; null when the project has no receipt yet. */
  readonly deploy: {
    readonly deployId: string;
    readonly executionArn: string;
    /** The receipt's times (epoch milliseconds): the run's span when its history is gone. */
    readonly startedAt: number;
    readonly finishedAt: number;
  } | null;
  /** The agent whose own lines are shown (STATE), if deployed. */
  readonly agent: Pick<ProjectState, 'mode' | 'region' | 'resource'> | null;
  /** Whether the agent's lines run up to now (the latest deploy) or end with the deploy's run (a named one). */
  readonly agentUntilNow: boolean;
  /**
   * The stack's group the agent's application logs are delivered to, when the receipt names one: the agent's
   * lines are read there (its streams start with the agent's id); else from the agent's endpoint groups.
   */
  readonly agentLogGroup: string | null;
  /** `--since`: nothing older is shown. */
  readonly since: number | null;
}

/** A read the cap cut: its events before `before` (epoch milliseconds) were left out. */
export interface LogCut {
  readonly source: LogSource;
  readonly group: string;
  readonly before: number;
}

/** The entries found, and whether the deploy's run has ended (`--follow` stops after the next read then). */
export interface CollectedLogs {
  readonly entries: LogEntry[];
  readonly runEnded: boolean;
  /** The reads that held more than the cap: only their newest events are among the entries. */
  readonly cuts: LogCut[];
}

/** What `logs --follow` keeps between polls: where each read ended, and each function's held invocations. */
export interface FollowedReads {
  readonly cursors: ReadCursors;
  readonly correlators: Map<string, InvocationCorrelator<FilteredLogEvent & { message: string }>>;
}

export function newFollowedReads(): FollowedReads {
  return { cursors: newReadCursors(), correlators: new Map() };
}

/** How {@link collectLogs} reads. */
export interface CollectOptions {
  /** Events kept per read at most: the newest. @default {@link MaxEventsPerGroup} */
  readonly maxEventsPerGroup?: number;
  /** A follow's state: each read returns only the events after those of the last poll. */
  readonly followed?: FollowedReads;
}

/** Function lines are read a little beyond the run: their last lines are written as its last state ends. */
const FunctionLogSlackMs = 60_000;

/** When no deploy bounds the agent's lines and no `--since` is given, its last hour is shown. */
const DefaultAgentWindowMs = 3_600_000;

/**
 * Reads everything a deploy and its agent logged, through the same calls on the local cloud and on AWS: the
 * run's states from its execution history, the image build's stream (`FilterLogEvents` on the build's log
 * group), each pipeline function's invocations that carry the deploy id, and the agent's own lines: from the
 * stack's group its logs are delivered to when the receipt names one, else from every endpoint's group of the
 * runtime or harness. Entries come back in time order.
 */
export async function collectLogs(
  target: DeployTarget,
  request: LogsRequest,
  now: number,
  options: CollectOptions = {},
): Promise<CollectedLogs> {
  const entries: LogEntry[] = [];
  const cuts: LogCut[] = [];
  const { followed } = options;
  /** The read's newest events (only the new ones when following), its cut noted. */
  const read = async (
    source: LogSource,
    logs: CloudWatchLogsClient,
    group: string,
    query: LogQuery,
  ): Promise<FilteredLogEvent[]> => {
    const key = `${group}|${query.logStreamNames?.join(',') ?? ''}|${query.logStreamNamePrefix ?? ''}`;
    const found = await readNewestLogEvents(logs, group, query, {
      maxEvents: options.maxEventsPerGroup ?? MaxEventsPerGroup,
      ...(followed ? { cursors: followed.cursors, key } : {}),
    });
    if (found.cutBefore !== null) cuts.push({ source, group, before: found.cutBefore });
    return found.events;
  };
  let runEnded = true;
  let agentFrom = request.since ?? now - DefaultAgentWindowMs;
  let agentUntil: number | undefined;
  if (request.deploy !== null) {
    const history = await executionHistoryOrNull(target, request.deploy.executionArn);
    const run = history === null ? goneRunLog(request.deploy) : runLogOf(history);
    runEnded = run.ended;
    const from = Math.max(request.since ?? 0, run.startedAt);
    const until = run.ended ? run.lastEventAt : now;
    entries.push(...run.entries.filter((entry) => entry.at >= from));
    const [groups, logs] = await Promise.all([target.pipelineLogGroups(), target.logs(target.region)]);
    const reads: Promise<LogEntry[]>[] = [];
    if (run.buildId !== null) {
      const stream = run.buildId.slice(run.buildId.indexOf(':') + 1);
      reads.push(
        read('build', logs, groups.build, { startTime: from, endTime: until, logStreamNames: [stream] }).then(
          (events) => events.map((event) => entryOf('build', groups.build, event)),
        ),
      );
    }
    for (const id of PipelineLogFunctions) {
      const group = groups.functions[id];
      const source = functionSource(id);
      const correlator = followed?.correlators.get(group) ?? invocationCorrelator(request.deploy.deployId);
      followed?.correlators.set(group, correlator);
      reads.push(
        read(source, logs, group, { startTime: from, endTime: until + FunctionLogSlackMs }).then((events) =>
          correlator
            .push(events as (FilteredLogEvent & { message: string })[])
            .map((event) => entryOf(source, group, event)),
        ),
      );
    }
    for (const found of await Promise.all(reads)) entries.push(...found);
    agentFrom = from;
    if (!request.agentUntilNow) agentUntil = until;
  }
  const agentId = request.agent?.resource.id;
  if (request.agent && agentId) {
    const { mode, region } = request.agent;
    const window = { startTime: agentFrom, endTime: agentUntil ?? now };
    if (request.agentLogGroup !== null) {
      // The delivered group is the stack's, in the stack's region.
      const logs = await target.logs(target.region);
      const group = request.agentLogGroup;
      const events = await read('agent', logs, group, { ...window, logStreamNamePrefix: `${agentId}/` });
      entries.push(...events.map((event) => entryOf('agent', group, event)));
    } else {
      const logs = await target.logs(region);
      const prefix =
        mode === 'runtime' ? LogGroupNames.runtimePrefix(agentId) : LogGroupNames.harnessPrefix(agentId);
      for (const group of await logGroupsWithPrefix(logs, prefix)) {
        const events = await read('agent', logs, group, window);
        entries.push(...events.map((event) => entryOf('agent', group, event)));
      }
    }
  }
  return { entries: byTime(entries), runEnded, cuts };
}

/** `PlanFunction` → `plan`. */
function functionSource(id: (typeof PipelineLogFunctions)[number]): LogSource {
  return id.replace(/Function$/, '').toLowerCase() as LogSource;
}

function entryOf(source: LogSource, group: string, event: FilteredLogEvent): LogEntry {
  return {
    at: event.timestamp ?? 0,
    source,
    message: event.message ?? '',
    group,
    ...(event.logStreamName !== undefined ? { stream: event.logStreamName } : {}),
    ...(event.eventId !== undefined ? { eventId: event.eventId } : {}),
  };
}
