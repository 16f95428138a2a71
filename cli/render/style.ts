import type { CliIo } from '../io.js';

/** Terminal styling that is off unless stdout is a TTY and NO_COLOR is unset (no-color.org). */
export interface Style {
  readonly color: boolean;
  readonly green: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

export function styleFor(io: CliIo): Style {
  const color = io.isTty && (io.env.NO_COLOR ?? '') === '';
  const wrap = (open: number, close: number) => (text: string) =>
    color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    color,
    green: wrap(32, 39),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
  };
}

/** `AcquireLock` → `Acquire lock`: state names in words for people. */
export function stateInWords(state: string): string {
  const words = state.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `1234` → `1.2 s`, `85` → `85 ms`. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
