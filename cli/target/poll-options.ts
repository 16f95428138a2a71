import type { CliIo } from '../io.js';

/** How the CLI polls AWS while it follows a run. Injected in tests so nothing really waits. */
export interface PollOptions {
  /** Pause between two polls. @default 2000, or `AGENTDROP_POLL_INTERVAL_MS` */
  readonly intervalMs: number;
  /** How long to follow one run (a runtime build takes minutes). @default 3,600,000, or `AGENTDROP_FOLLOW_TIMEOUT_MS` */
  readonly timeoutMs: number;
  /** How long to wait for the run an action starts to appear (EventBridge delivers in seconds, rarely a minute). @default min(timeoutMs, 120,000) */
  readonly discoverTimeoutMs: number;
  /** Waits `ms`. @default a timer */
  readonly sleep: (ms: number) => Promise<void>;
  /** Epoch milliseconds. @default Date.now */
  readonly now: () => number;
}

/** Poll options from the environment (`AGENTDROP_POLL_INTERVAL_MS`, `AGENTDROP_FOLLOW_TIMEOUT_MS`) and overrides. */
export function pollOptions(env: CliIo['env'], overrides: Partial<PollOptions> = {}): PollOptions {
  const intervalMs = overrides.intervalMs ?? positive(env.AGENTDROP_POLL_INTERVAL_MS) ?? 2000;
  const timeoutMs = overrides.timeoutMs ?? positive(env.AGENTDROP_FOLLOW_TIMEOUT_MS) ?? 3_600_000;
  return {
    intervalMs,
    timeoutMs,
    discoverTimeoutMs: overrides.discoverTimeoutMs ?? Math.min(timeoutMs, 120_000),
    sleep: overrides.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now: overrides.now ?? Date.now,
  };
}

function positive(text: string | undefined): number | undefined {
  const value = Number(text);
  return text !== undefined && text !== '' && Number.isFinite(value) && value > 0 ? value : undefined;
}
