import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RepoRoot, runBin, runCli } from '../support/run-cli.js';

describe('agentdrop logs --follow (a child process, Ctrl-C ends it)', () => {
  let dataDir = '';
  const env = () => ({ AGENTDROP_LOCAL_DIR: dataDir, DOCS_TOKEN: 'canary-follow-token' });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'agentdrop-logs-follow-'));
    const push = await runCli(['push', 'examples/single'], RepoRoot, env());
    expect(push.code, push.stdout + push.stderr).toBe(0);
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("prints the latest deploy, then the agent's lines of an invoke made meanwhile, until Ctrl-C", async () => {
    let invoked: Promise<unknown> | undefined;
    let interrupted = false;
    let stopper: NodeJS.Timeout | undefined;
    const followed = await runBin(
      ['logs', 'single', '--follow'],
      { ...env(), AGENTDROP_POLL_INTERVAL_MS: '50' },
      (stdout, child) => {
        // Never left behind, whatever the output: a stuck follow fails the test instead of outliving it.
        stopper ??= setTimeout(() => child.kill('SIGKILL'), 20_000);
        // The deploy is shown: invoke the agent through the local cloud this command hosts (its endpoint file).
        if (invoked === undefined && stdout.includes('run SUCCEEDED')) {
          invoked = runCli(['invoke', 'single', 'hi while following'], RepoRoot, env());
        }
        if (!interrupted && /agent {5}INFO invocation completed .*qualifier=live/.test(stdout)) {
          interrupted = true;
          child.kill('SIGINT');
        }
      },
    );
    clearTimeout(stopper);
    expect(await invoked).toMatchObject({ code: 0 });
    expect([followed.code, followed.stderr]).toEqual([0, expect.stringMatching(/\nSIGINT: stopping\.\n$/)]);
    const lines = followed.stdout.trimEnd().split('\n');
    expect(lines.filter((line) => line.endsWith('run SUCCEEDED'))).toHaveLength(1);
    expect(lines.filter((line) => /qualifier=live/.test(line))).toHaveLength(1);
    expect(new Set(lines).size).toBe(lines.length);
  });
});
