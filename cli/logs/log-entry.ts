/** Where a log entry comes from. */
export type LogSource =
  | 'run'
  | 'build'
  | 'start'
  | 'plan'
  | 'harness'
  | 'runtime'
  | 'invoke'
  | 'finalize'
  | 'agent';

/** One line `agentdrop logs` shows: a state of the run, or a log event of the build, a function or the agent. */
export interface LogEntry {
  /** Epoch milliseconds. */
  readonly at: number;
  readonly source: LogSource;
  readonly message: string;
  /** The log group and stream of a log event (none for the run's states). */
  readonly group?: string;
  readonly stream?: string;
  /** The event's id in its group, when CloudWatch Logs gave one. */
  readonly eventId?: string;
}

/** A key that tells entries apart across polls (`--follow` prints each once). */
export function entryKey(entry: LogEntry): string {
  return entry.eventId !== undefined
    ? `${entry.group}|${entry.eventId}`
    : `${entry.source}|${entry.group ?? ''}|${entry.stream ?? ''}|${entry.at}|${entry.message}`;
}

/** Entries in time order; entries of the same millisecond keep their order. */
export function byTime(entries: readonly LogEntry[]): LogEntry[] {
  return [...entries].sort((a, b) => a.at - b.at);
}

/** `22:31:04.518  build     [Container] …`: the time (UTC) and source, then the message on one line. */
export function renderEntry(entry: LogEntry): string {
  const time = new Date(entry.at).toISOString().slice(11, 23);
  return `${time}  ${entry.source.padEnd(8)}  ${compactMessage(entry.message)}\n`;
}

/** Keys of a structured line that say what the group, the stream and the time column already say. */
const RepeatedKeys = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'function_name',
  'function_arn',
  'function_memory_size',
  'function_request_id',
  'cold_start',
  'xray_trace_id',
  'sampling_rate',
]);

/**
 * A message on one line; a structured (JSON) line with a level and a message reads `INFO invocation
 * completed action=plan deployId=…` (`--json` keeps the line as written).
 */
function compactMessage(message: string): string {
  const text = message.replace(/\s*\n\s*/g, ' ').trimEnd();
  if (!text.startsWith('{')) return text;
  let line: Record<string, unknown>;
  try {
    line = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return text;
  }
  if (typeof line.level !== 'string' || typeof line.message !== 'string') return text;
  const fields = Object.entries(line)
    .filter(([key]) => !RepeatedKeys.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return [line.level.toUpperCase(), line.message, ...fields].join(' ');
}

/** An entry as `--json` prints it. */
export function entryJson(entry: LogEntry): Record<string, unknown> {
  return {
    time: new Date(entry.at).toISOString(),
    source: entry.source,
    message: entry.message,
    ...(entry.group !== undefined ? { group: entry.group } : {}),
    ...(entry.stream !== undefined ? { stream: entry.stream } : {}),
  };
}
