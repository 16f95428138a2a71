import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LogStore } from '../../../../local/logs/log-store.js';

describe('LogStore', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'agentdrop-log-store-'));
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    rmSync(root, { recursive: true, force: true });
  });

  it('keeps a save that failed in its timer pending instead of throwing out of the timer', () => {
    const file = join(root, 'logs', 'log-groups.json');
    const store = new LogStore(root);
    // A directory where the file goes: the rename over it fails.
    mkdirSync(join(file, 'blocker'), { recursive: true });
    store.append('/aws/test', 'stream', [{ timestamp: 1, message: 'canary' }], 1, true);
    expect(() => vi.advanceTimersByTime(1_000)).not.toThrow();
    expect(() => store.flush()).toThrow();
    rmSync(file, { recursive: true });
    store.flush();
    expect(readFileSync(file, 'utf8')).toContain('canary');
  });
});
