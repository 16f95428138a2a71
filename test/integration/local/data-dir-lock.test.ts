import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalCloud } from '../../../local/cloud/index.js';

describe('startLocalCloud data directory lock', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentdrop-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('rejects a directory held by another live process with LocalCloudBusy', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, '.agentdrop-local.pid'), '1');
    await expect(startLocalCloud({ dataDir: dir })).rejects.toMatchObject({
      name: 'LocalCloudBusy',
      message: expect.stringContaining('in use by another agentdrop process (pid 1'),
    });
  });

  it('takes over the lock of a process that is gone, and releases it on stop', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, '.agentdrop-local.pid'), '999999999');
    const cloud = await startLocalCloud({ dataDir: dir });
    await cloud.stop();
    const again = await startLocalCloud({ dataDir: dir });
    await again.stop();
  });
});
