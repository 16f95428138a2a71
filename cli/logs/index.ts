export {
  type CollectedLogs,
  type CollectOptions,
  collectLogs,
  type FollowedReads,
  type LogCut,
  type LogsRequest,
  newFollowedReads,
} from './collect-logs.js';
export {
  correlateInvocations,
  type InvocationCorrelator,
  invocationCorrelator,
  requestIdOf,
} from './correlate-invocations.js';
export { cutNotice, maxEventsPerGroupOf } from './log-cut.js';
export { byTime, entryJson, entryKey, type LogEntry, type LogSource, renderEntry } from './log-entry.js';
export { parseSince } from './parse-since.js';
export { type RunLog, runLogOf } from './run-entries.js';
