export { type CollectedLogs, collectLogs, type LogsRequest } from './collect-logs.js';
export { correlateInvocations, requestIdOf } from './correlate-invocations.js';
export { byTime, entryJson, entryKey, type LogEntry, type LogSource, renderEntry } from './log-entry.js';
export { parseSince } from './parse-since.js';
export { type RunLog, runLogOf } from './run-entries.js';
