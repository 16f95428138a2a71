import { describe, expect, it } from 'vitest';
import { pollOptions } from '../../../../cli/target/poll-options.js';

describe('pollOptions', () => {
  it('returns the defaults without settings', () => {
    const { intervalMs, timeoutMs, discoverTimeoutMs } = pollOptions({});
    expect({ intervalMs, timeoutMs, discoverTimeoutMs }).toEqual({
      intervalMs: 2000,
      timeoutMs: 3_600_000,
      discoverTimeoutMs: 120_000,
    });
  });

  it('returns the environment settings, ignoring values that are not positive numbers', () => {
    const fromEnv = pollOptions({ AGENTDROP_POLL_INTERVAL_MS: '5', AGENTDROP_FOLLOW_TIMEOUT_MS: '30000' });
    const bad = pollOptions({ AGENTDROP_POLL_INTERVAL_MS: 'soon', AGENTDROP_FOLLOW_TIMEOUT_MS: '-1' });
    expect([fromEnv.intervalMs, fromEnv.timeoutMs, fromEnv.discoverTimeoutMs]).toEqual([5, 30_000, 30_000]);
    expect([bad.intervalMs, bad.timeoutMs]).toEqual([2000, 3_600_000]);
  });
});
