import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkSessionId,
  newSessionId,
  readSession,
  sessionFilePath,
  writeSession,
} from '../../../../cli/invoke/index.js';
import type { CliIo } from '../../../../cli/io.js';

const io = (env: Record<string, string>): CliIo => ({
  stdout: () => undefined,
  stderr: () => undefined,
  isTty: false,
  env,
  cwd: '/work/project',
});

describe('sessionFilePath', () => {
  it('returns a file under the local data directory for the local cloud', () => {
    expect(sessionFilePath(io({ AGENTDROP_LOCAL_DIR: '/data' }), { kind: 'local' }, 'demo')).toBe(
      '/data/sessions/demo.json',
    );
  });

  it('returns a file under XDG_STATE_HOME, else ~/.local/state, per stack for a stack', () => {
    const aws = { kind: 'aws', stack: 'agentdrop' } as const;
    expect(sessionFilePath(io({ XDG_STATE_HOME: '/state' }), aws, 'demo')).toBe(
      '/state/agentdrop/sessions/agentdrop/demo.json',
    );
    expect(sessionFilePath(io({ HOME: '/home/you' }), aws, 'demo')).toBe(
      '/home/you/.local/state/agentdrop/sessions/agentdrop/demo.json',
    );
  });
});

describe('readSession', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agentdrop-session-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('returns the remembered session of the same resource only', async () => {
    const path = join(dir, 'nested', 'demo.json');
    await writeSession(path, { sessionId: newSessionId('demo'), resourceArn: 'arn:a' }, new Date(0));
    expect(await readSession(path, 'arn:a')).toMatch(/^agentdrop-demo-[0-9a-f-]{36}$/);
    expect(await readSession(path, 'arn:b')).toBeNull();
  });

  it('returns null for a missing or broken file', async () => {
    await writeFile(join(dir, 'broken.json'), '{');
    expect([
      await readSession(join(dir, 'none.json'), 'arn:a'),
      await readSession(join(dir, 'broken.json'), 'arn:a'),
    ]).toEqual([null, null]);
  });
});

describe('checkSessionId', () => {
  it('accepts the ids newSessionId makes, for the longest project name too', () => {
    expect(() => checkSessionId(newSessionId('a'))).not.toThrow();
    expect(() => checkSessionId(newSessionId('a'.repeat(30)))).not.toThrow();
  });

  it.each([
    ['too short', 'a'.repeat(32)],
    ['too long for InvokeHarness', 'a'.repeat(101)],
    ['a leading dash', `-${'a'.repeat(40)}`],
    ['a dot', `${'a'.repeat(40)}.b`],
  ])('rejects an id with %s', (_what, id) => {
    expect(() => checkSessionId(id)).toThrow(/^--session must be 33 to 100 characters/);
  });
});
