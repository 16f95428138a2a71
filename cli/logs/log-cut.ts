import type { CliIo } from '../io.js';
import type { LogCut } from './collect-logs.js';
import { MaxEventsPerGroup } from './read-log-events.js';

/**
 * The cap on events kept per read: {@link MaxEventsPerGroup}, or `AGENTDROP_LOG_EVENTS_MAX` (a whole number
 * from 1 to it: tests cut with a few events, a user can read less).
 */
export function maxEventsPerGroupOf(env: CliIo['env']): number {
  const value = Number(env.AGENTDROP_LOG_EVENTS_MAX);
  return Number.isInteger(value) && value >= 1 && value <= MaxEventsPerGroup ? value : MaxEventsPerGroup;
}

/** The one line that says which part of a read the cap left out. */
export function cutNotice(cut: LogCut, max = MaxEventsPerGroup): string {
  return `Only the newest ${max} ${cut.source} lines of ${cut.group} are shown: lines before ${new Date(cut.before).toISOString()} were left out.\n`;
}
