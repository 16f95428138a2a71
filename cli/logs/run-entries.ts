import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { RunnerEvent } from '../../local/runner/index.js';
import { formatMs } from '../render/style.js';
import { createHistoryTranslator } from '../target/history-translator.js';
import type { LogEntry } from './log-entry.js';

/** What a run's execution history tells `agentdrop logs`. */
export interface RunLog {
  /** The run's states, one entry per state entered, exited, failed, retried or caught, and its end. */
  readonly entries: LogEntry[];
  /** Epoch milliseconds of the first and the last event. */
  readonly startedAt: number;
  readonly lastEventAt: number;
  /** Whether the execution has ended. */
  readonly ended: boolean;
  /** The image build's id (`<project>:<uuid>`), when the run built one. */
  readonly buildId: string | null;
}

/**
 * Reads a run from its history with the translator that follows runs (cli/target/history-translator.ts): its
 * states as log entries, its time span, and the id of the build whose result a later state received.
 */
export function runLogOf(history: readonly HistoryEvent[]): RunLog {
  const translator = createHistoryTranslator();
  const entries: LogEntry[] = [];
  let buildId: string | null = null;
  for (const event of history) {
    buildId ??= buildIdOf(event);
    for (const translated of translator.push(event)) {
      entries.push({ at: translated.at, source: 'run', message: describe(translated) });
    }
  }
  const times = history.map((event) => event.timestamp?.getTime() ?? 0).filter((at) => at > 0);
  return {
    entries,
    startedAt: times.length > 0 ? Math.min(...times) : 0,
    lastEventAt: times.length > 0 ? Math.max(...times) : 0,
    ended: translator.finished !== null,
    buildId,
  };
}

function describe(event: RunnerEvent): string {
  switch (event.kind) {
    case 'state-entered':
      return `${event.state} entered (${event.stateType})`;
    case 'state-exited':
      return `${event.state} exited after ${formatMs(event.durationMs)}`;
    case 'state-failed':
      return `${event.state} failed: ${event.error}`;
    case 'state-retried':
      return `${event.state} retried (attempt ${event.attempt + 1})`;
    case 'state-caught':
      return `${event.state} caught`;
    case 'execution-finished':
      return `run ${event.status}`;
  }
}

/** `build.buildId` of a state's input (the execution document after BuildImage), if any. */
function buildIdOf(event: HistoryEvent): string | null {
  const input = event.stateEnteredEventDetails?.input;
  if (!input?.includes('buildId')) return null;
  try {
    const document = JSON.parse(input) as { build?: { buildId?: unknown } };
    return typeof document.build?.buildId === 'string' ? document.build.buildId : null;
  } catch {
    return null;
  }
}

/**
 * A run whose execution history is gone: its span from the receipt and one line saying so, so its functions' and
 * its agent's lines are still read for that span.
 */
export function goneRunLog(deploy: { readonly startedAt: number; readonly finishedAt: number }): RunLog {
  return {
    entries: [
      {
        at: deploy.startedAt,
        source: 'run',
        message: 'the execution history is no longer kept: the run states are not shown',
      },
    ],
    startedAt: deploy.startedAt,
    lastEventAt: deploy.finishedAt,
    ended: true,
    buildId: null,
  };
}
