import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, RepoRoot, runBin } from '../support/run-cli.js';

/** Runs the bin and sends SIGINT once stdout shows `line`, as Ctrl-C in a terminal does. */
function interruptAt(argv: string[], line: string, env: Record<string, string>): Promise<CliRun> {
  let sent = false;
  return runBin(argv, env, (stdout, child) => {
    if (sent || !stdout.includes(line)) return;
    sent = true;
    child.kill('SIGINT');
  });
}

describe('agentdrop push interrupted or cut off (child processes)', () => {
  let dataDir = '';
  const env = () => ({ AGENTDROP_LOCAL_DIR: dataDir, DOCS_TOKEN: 'canary-interrupt-token' });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'agentdrop-interrupt-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('records a Ctrl-C as a failed run and frees the lock, so the next push deploys', async () => {
    // The harness stays CREATING for 1.5 s: long enough to be interrupted while the run waits for it.
    const interrupted = await interruptAt(['push', 'examples/single'], 'Create or update harness', {
      ...env(),
      AGENTDROP_LOCAL_FAULTS: 'agentcore:CreateHarness=slow_ready:1:1500',
    });
    expect(interrupted.stderr).toContain('SIGINT: stopping the running deploy');
    expect(interrupted.stdout).toContain('ExecutionAborted');
    expect(interrupted.code).toBe(1);

    // The interrupted CreateHarness goes on in AgentCore, as it would on AWS: let it settle (the rest of its
    // 1.5 s) so the next push adopts a READY harness instead of waiting out CREATING, which the local runner's
    // shortened retry intervals cannot.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const next = await runBin(['push', 'examples/single'], env());
    expect(next.stdout, next.stdout + next.stderr).not.toMatch(/^Queued/m);
    expect([next.code, /^Succeeded {2}/m.test(next.stdout)]).toEqual([0, true]);
  });

  it('finishes the deploy when its output is piped into a reader that stops early', async () => {
    const piped = await new Promise<CliRun>((resolve, reject) => {
      const child = spawn(
        'sh',
        ['-c', `"${process.execPath}" bin/agentdrop.js push examples/single --project piped | head -n 1`],
        {
          cwd: RepoRoot,
          env: { ...process.env, NO_COLOR: '1', ...env() },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr: '' }));
    });
    expect(piped.stdout.trim().split('\n')).toHaveLength(1);

    const receipt = await runBin(['receipt', 'piped', '--json'], env());
    expect(JSON.parse(receipt.stdout).outcome).toBe('succeeded');
  });
});
