import type { RunnerEvent } from '../../local/runner/index.js';
import type { CliIo } from '../io.js';
import { formatMs, stateInWords, styleFor } from './style.js';

const SpinnerFrames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** Choice and Pass states decide in no time; showing them would only add noise. */
const QuietTypes = new Set(['Choice', 'Pass', 'Succeed', 'Fail']);

/**
 * Errors the state machine expects and routes by design: shown as what they mean, not as failures. A busy lock
 * queues the drop; a lock freed meanwhile is taken; a lock already released needs nothing; STATE that moved since
 * Plan is planned again.
 */
function expectedCondition(state: string, error: string): string | null {
  if (error === 'DynamoDB.ConditionalCheckFailedException') {
    if (state === 'AcquireLock') return 'busy: another run of this project holds the lock';
    if (state === 'QueueDrop') return 'the lock was freed meanwhile: taking it';
    if (state.startsWith('ReleaseLock')) return 'no lock of this run to release';
  }
  if (error === 'StalePlan') return 'the project changed since Plan: planning again';
  return null;
}

/** A live view of one run: a line per state, and a spinner on the running state on a TTY. */
export interface ProgressView {
  readonly onEvent: (event: RunnerEvent) => void;
  /** Stops the spinner. */
  close(): void;
}

/**
 * Renders runner events as they come: plain appended lines when stdout is not a terminal, and on a
 * TTY the same lines with a spinner on the state that is running.
 */
export function createProgressView(io: CliIo, title: string): ProgressView {
  const style = styleFor(io);
  io.stdout(`${style.bold(title)}\n`);
  let running: { state: string; since: number } | null = null;
  let frame = 0;
  const spinner = io.isTty
    ? setInterval(() => {
        if (!running) return;
        frame = (frame + 1) % SpinnerFrames.length;
        io.stdout(`\r  ${SpinnerFrames[frame]} ${stateInWords(running.state)} …\u001b[K`);
      }, 100)
    : null;
  spinner?.unref();
  const clearLine = (): void => {
    if (io.isTty) io.stdout('\r\u001b[K');
  };
  const types = new Map<string, string>();
  const failed = new Set<string>();
  return {
    onEvent: (event) => {
      if (event.kind === 'state-entered') {
        types.set(event.state, event.stateType);
        if (!QuietTypes.has(event.stateType)) running = { state: event.state, since: event.at };
      } else if (event.kind === 'state-exited') {
        // A failed state also exits; it was already shown as failed.
        if (QuietTypes.has(types.get(event.state) ?? '') || failed.delete(event.state)) return;
        clearLine();
        running = null;
        io.stdout(
          `  ${style.green('✓')} ${stateInWords(event.state).padEnd(34)} ${style.dim(formatMs(event.durationMs))}\n`,
        );
      } else if (event.kind === 'state-failed') {
        failed.add(event.state);
        clearLine();
        running = null;
        const expected = expectedCondition(event.state, event.error);
        io.stdout(
          expected
            ? `  ${style.yellow('·')} ${stateInWords(event.state).padEnd(34)} ${style.dim(expected)}\n`
            : `  ${style.red('✗')} ${stateInWords(event.state).padEnd(34)} ${style.red(event.error)}\n`,
        );
      } else if (event.kind === 'state-retried') {
        clearLine();
        io.stdout(
          `  ${style.yellow('↻')} ${stateInWords(event.state).padEnd(34)} ${style.dim(`retry ${event.attempt}`)}\n`,
        );
      }
    },
    close: () => {
      if (spinner) clearInterval(spinner);
      clearLine();
    },
  };
}
