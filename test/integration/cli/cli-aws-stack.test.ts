import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../cli/main.js';
import { RepoRoot, runBin } from '../../support/run-cli.js';
import { type AwsStackFixture, startAwsStackFixture } from './aws-stack-fixture.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe('agentdrop --stack against an AWS stack (the local cloud server + a thin CloudFormation fake)', () => {
  let stack: AwsStackFixture;
  /** Runs the CLI in-process; the SDK reads the stubbed AWS_* variables as it would a user's shell. */
  const cli = async (argv: readonly string[], env: Record<string, string> = {}): Promise<Run> => {
    let stdout = '';
    let stderr = '';
    const code = await main(argv, {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      isTty: false,
      env: { NO_COLOR: '1', AGENTDROP_POLL_INTERVAL_MS: '5', ...env },
      cwd: RepoRoot,
    });
    return { code, stdout, stderr };
  };
  const onStack = (argv: readonly string[], env?: Record<string, string>) =>
    cli([...argv, '--stack', stack.stackName], env);

  beforeAll(async () => {
    stack = await startAwsStackFixture();
    for (const [name, value] of Object.entries(stack.awsEnv)) vi.stubEnv(name, value);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await stack?.stop();
  });

  it('never seeds a secret from the environment: the run fails at Plan with secret.missing and exit 1', async () => {
    const run = await onStack(['push', 'examples/single'], { DOCS_TOKEN: 'canary-aws-env-token' });
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('Seeded');
    expect(run.stdout).toContain('Run 1 · upload drops/single.zip');
    expect(run.stdout).toMatch(/^Failed {2}/m);
    expect(run.stdout).toMatch(/^ {2}secret\.missing: .*DOCS_TOKEN/m);
    expect(run.stdout).toMatch(/^ {2}state {7}Plan$/m);
    expect(run.stdout).toContain('hint        agentdrop secrets set NAME, then push again');
    expect((await onStack(['secrets', 'list'])).stdout).toBe('No secrets.\n');
  });

  it('stores and lists a secret under the stack prefix without printing its value', async () => {
    const set = await onStack(['secrets', 'set', 'DOCS_TOKEN', '--from-env', 'TOKEN_VALUE'], {
      TOKEN_VALUE: 'canary-aws-docs-token',
    });
    expect([set.code, set.stdout]).toEqual([
      0,
      expect.stringMatching(/^Stored agentdrop\/DOCS_TOKEN \(version \S+\)\.\n$/),
    ]);
    const list = await onStack(['secrets', 'list']);
    expect(list.stdout).toMatch(/^agentdrop\/DOCS_TOKEN {2}\S+$/m);
    expect(`${set.stdout}${list.stdout}`).not.toContain('canary-aws-docs-token');
  });

  it('pushes, finds the execution the upload started and follows its history to Succeeded', async () => {
    const run = await onStack(['push', 'examples/single']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Run 1 · upload drops/single.zip');
    expect(run.stdout).toMatch(/✓ Plan/);
    expect(run.stdout).toMatch(/✓ Create or update harness/);
    expect(run.stdout).toMatch(/✓ Smoke test/);
    expect(run.stdout).toMatch(/^Succeeded {2}\S+ m?s, \d+ transitions$/m);
    const state = await stack.store.state.getState('single');
    const receipt = (await stack.store.receipts.listReceipts('single', { limit: 1 }))[0]!;
    expect(run.stdout).toContain(`  resource    ${state?.resource.arn}`);
    expect(run.stdout).toContain('  version     1');
    expect(run.stdout).toContain(`next: agentdrop receipt single ${receipt.deployId}`);
    expect(receipt.executionArn).toMatch(
      /^arn:aws:states:us-west-2:000000000000:execution:agentdrop-deploy:/,
    );
  });

  it('reports the same upload again as Skipped (unchanged) with --json', async () => {
    const run = await onStack(['push', 'examples/single', '--json']);
    expect(run.code).toBe(0);
    const [only, ...rest] = JSON.parse(run.stdout);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      outcome: 'Skipped',
      status: 'SUCCEEDED',
      receipt: { skipReason: 'unchanged' },
    });
    const text = await onStack(['push', 'examples/single']);
    expect(text.stdout).toMatch(/^Skipped {2}/m);
    expect(text.stdout).toContain('reason      unchanged');
  });

  it('fails a run whose resource cannot be created: exit 1 with the code, the failing state and the reason', async () => {
    stack.cloud.faults('agentcore').set('CreateHarness', {
      kind: 'create_failed',
      reason: 'Injected: the execution role cannot be assumed.',
    });
    const run = await onStack(['push', 'examples/single', '--project', 'flaky']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Failed {2}/m);
    expect(run.stdout).toMatch(/✗ Get harness status +ResourceFailed/);
    expect(run.stdout).toMatch(/^ {2}ResourceFailed: .*Injected: the execution role cannot be assumed\./m);
    expect(run.stdout).toMatch(/^ {2}state {7}GetHarnessStatus$/m);
    expect(run.stdout).not.toContain('Fail deploy');
  });

  it('diffs the deployed drop against the plan the stack stored: skip, exit 0', async () => {
    const run = await onStack(['diff', 'examples/single', '--json']);
    const diff = JSON.parse(run.stdout);
    expect([run.code, diff.decision, diff.changes, diff.previousPlan]).toEqual([0, 'skip', [], true]);
  });

  it('imports the deployed project from the plan and skill prefixes the stack stored, to the same specHash', async () => {
    const dir = join(tmpdir(), `agentdrop-import-stack-${process.pid}`);
    try {
      const run = await onStack(['import', 'single', dir, '--json']);
      const result = JSON.parse(run.stdout);
      const { specHash } = (await stack.store.state.getState('single'))!;
      expect([run.code, result.source.specHash, result.roundTrip.same]).toEqual([0, specHash, true]);
      expect(result.files).toContain('skills/ticket-triage/labels.csv');
      // Tagged by another stack (the fixture's pipeline tags as the local cloud): the harness alone is imported.
      const arn = (await stack.store.state.getState('single'))!.resource.arn!;
      const byArn = await onStack(['import', arn, dir, '--force', '--json']);
      const notes = JSON.parse(byArn.stdout).notes.map((note: { code: string }) => note.code);
      expect([byArn.code, notes[0]]).toEqual([0, 'import.not_agentdrop']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('invokes the deployed harness through InvokeHarness, remembering the session under XDG_STATE_HOME', async () => {
    const stateHome = join(tmpdir(), `agentdrop-xdg-${process.pid}`);
    try {
      const first = await onStack(['invoke', 'single', 'hi', '--json'], { XDG_STATE_HOME: stateHome });
      const answer = JSON.parse(first.stdout);
      expect([first.code, answer.reply, answer.qualifier]).toEqual([0, 'Hello! You said: hi', 'live']);
      const file = join(stateHome, 'agentdrop', 'sessions', stack.stackName, 'single.json');
      expect(JSON.parse(await readFile(file, 'utf8')).sessionId).toBe(answer.sessionId);
      const streamed = await onStack(['invoke', 'single', 'again'], { XDG_STATE_HOME: stateHome });
      expect([streamed.code, streamed.stdout]).toEqual([0, 'Hello! You said: again\n']);
      expect(streamed.stderr).toContain(`Session ${answer.sessionId} with single (harness, endpoint live)`);
    } finally {
      await rm(stateHome, { recursive: true, force: true });
    }
  });

  it("reads the latest deploy's run, its functions' lines and the harness's own lines from the stack's log groups", async () => {
    const run = await onStack(['logs', 'single', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const document = JSON.parse(run.stdout) as {
      deployId: string;
      entries: { source: string; message: string; group?: string }[];
    };
    const of = (source: string) => document.entries.filter((entry) => entry.source === source);
    expect(of('run')[0]?.message).toBe('Plan entered (Task)');
    expect(of('plan').some((entry) => entry.message.includes(`"deployId":"${document.deployId}"`))).toBe(
      true,
    );
    // The invocations above: one line each in the live endpoint's group of the harness.
    const invocations = of('agent').map(
      (entry) => JSON.parse(entry.message) as { message: string; qualifier: string },
    );
    expect(invocations.filter((line) => line.qualifier === 'live').map((line) => line.message)).toEqual([
      'invocation completed',
      'invocation completed',
    ]);
    expect(of('agent')[0]?.group).toMatch(/^\/aws\/bedrock-agentcore\/harnesses\/.+-live$/);
  });

  it('checks drift through the control plane of the stack, comparing the ownership tag with its name', async () => {
    // The fixture's pipeline tags as the local cloud (`agentdrop-local`), the stack is named otherwise: exactly
    // what a resource tagged by another stack looks like.
    const run = await onStack(['drift', 'single', '--json']);
    expect([run.code, run.stderr]).toEqual([1, '']);
    expect(JSON.parse(run.stdout).reports).toEqual([
      expect.objectContaining({
        project: 'single',
        deleted: false,
        planCompared: true,
        fields: [{ field: 'tags.agentdrop:stack', expected: stack.stackName, actual: 'agentdrop-local' }],
      }),
    ]);
  });

  it("reads status and receipts from the stack's table", async () => {
    const all = JSON.parse((await onStack(['status', '--json'])).stdout);
    expect(all.map((row: { state: { project: string } }) => row.state.project)).toEqual(['single']);
    const single = JSON.parse((await onStack(['status', 'single', '--json'])).stdout);
    expect(single.state).toEqual(await stack.store.state.getState('single'));
    const latest = JSON.parse((await onStack(['receipt', 'single', '--json'])).stdout);
    expect(latest).toEqual(single.deploys[0]);
    expect(single.deploys.map((d: { outcome: string }) => d.outcome)).toEqual([
      'skipped',
      'skipped',
      'succeeded',
      'rejected',
    ]);
  });

  it('redeploys with --force through Redeploy Requested on the stack bus and follows that run', async () => {
    const run = await onStack(['redeploy', 'single', '--force']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Run 1 · redeploy single (forced)');
    expect(run.stdout).toMatch(/^Succeeded {2}/m);
    const state = await stack.store.state.getState('single');
    expect(state?.resource.version).toBe('2');
  });

  it('rolls live back to the previous passed version and forward again, refusing a version that never passed', async () => {
    expect((await stack.store.state.getState('single'))?.live?.version).toBe('2');
    const back = await onStack(['rollback', 'single']);
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(/^Succeeded {2}/m);
    expect(back.stdout).toMatch(/^ {2}decision {4}rollback$/m);
    expect(back.stdout).toMatch(
      /^ {2}live {8}version 1 {2}arn:aws:bedrock-agentcore:\S+\/harness-endpoint\/live$/m,
    );
    expect((await stack.store.state.getState('single'))?.live?.version).toBe('1');
    const forward = await onStack(['rollback', 'single', '--to', '2']);
    expect(forward.code).toBe(0);
    expect((await stack.store.state.getState('single'))?.live?.version).toBe('2');
    const refused = await onStack(['rollback', 'single', '--to', '9']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('rollback.version_not_passed');
    expect((await stack.store.state.getState('single'))?.live?.version).toBe('2');
    expect((await onStack(['rollback', 'single', '--to', 'latest'])).code).toBe(2);
  });

  it('names the projects a rotated secret redeploys, and they redeploy on their own', async () => {
    const before = (await stack.store.receipts.listReceipts('single')).length;
    const set = await onStack(['secrets', 'set', 'DOCS_TOKEN', '--from-env', 'TOKEN_VALUE', '--json'], {
      TOKEN_VALUE: 'canary-aws-docs-token-rotated',
    });
    const stored = JSON.parse(set.stdout) as { versionId: string; redeploying: string[] };
    expect([set.code, stored.redeploying]).toEqual([0, ['single']]);
    await stack.server.idle();
    const receipts = await stack.store.receipts.listReceipts('single');
    expect(receipts.length).toBe(before + 1);
    expect(receipts[0]?.trigger.rotatedSecret).toEqual({ name: 'DOCS_TOKEN', versionId: stored.versionId });
    const text = await onStack(['secrets', 'set', 'DOCS_TOKEN', '--from-env', 'TOKEN_VALUE'], {
      TOKEN_VALUE: 'canary-aws-docs-token-rotated-again',
    });
    expect(text.stderr).toBe(
      'single binds it and redeploys on its own; `agentdrop status <project>` shows how it ends.\n',
    );
    await stack.server.idle();
  });

  it('destroys with --yes and follows the teardown', async () => {
    const run = await onStack(['destroy', 'single', '--yes']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Run 1 · delete drops/single.zip');
    expect(run.stdout).toMatch(/^Destroyed {2}/m);
    expect(await stack.store.state.getState('single')).toBeNull();
  });

  it('names a missing stack and a stack without the outputs, with exit 1', async () => {
    const missing = await cli(['status', '--stack', 'no-such-stack']);
    expect([missing.code, missing.stderr]).toEqual([
      1,
      expect.stringMatching(/^StackNotFound: Stack no-such-stack was not found in us-west-2; /),
    ]);
    stack.cloudformation.stacks.set('half-stack', { DropBucketName: 'b' });
    const half = await cli(['push', 'examples/single', '--stack', 'half-stack']);
    expect([half.code, half.stderr]).toEqual([
      1,
      'StackOutputMissing: Stack half-stack has no output StateMachineArn; is it an AgentDrop stack? Redeploy it with `npx cdk deploy`.\n',
    ]);
  });

  it('says which setting is missing when no region is configured', async () => {
    vi.stubEnv('AWS_REGION', undefined);
    try {
      const run = await cli(['status', '--stack', stack.stackName]);
      expect([run.code, run.stderr]).toEqual([
        1,
        `RegionMissing: No AWS region to look up stack ${stack.stackName} in: set AWS_REGION or a region in your AWS profile.\n`,
      ]);
    } finally {
      vi.stubEnv('AWS_REGION', stack.cloud.region);
    }
  });

  it('refuses --stack with --local as a usage error (exit 2)', async () => {
    const run = await cli(['status', '--stack', stack.stackName, '--local']);
    expect([run.code, run.stderr]).toEqual([
      2,
      'usage: choose one of --local and --stack (see agentdrop status --help)\n',
    ]);
  });

  it('takes the stack from AGENTDROP_STACK in a real process, with the SDK reading the endpoints itself', async () => {
    const run = await runBin(['status', '--json'], { ...stack.awsEnv, AGENTDROP_STACK: stack.stackName });
    expect(run.stderr).toBe(`Using stack ${stack.stackName} (AGENTDROP_STACK).\n`);
    expect([run.code, JSON.parse(run.stdout)]).toEqual([0, []]);
  });

  it('returns right after the upload with --no-follow, leaving the run to the stack', async () => {
    const before = stack.stepFunctionsCalls.mark();
    const run = await onStack(['push', 'examples/single', '--project', 'later', '--no-follow']);
    expect([run.code, run.stdout]).toEqual([
      0,
      expect.stringMatching(
        /^Uploaded drops\/later\.zip \(\d+ bytes\); follow it with: agentdrop status later\n$/,
      ),
    ]);
    expect(stack.stepFunctionsCalls.calls(before)).toEqual([]);
    await stack.server.idle();
    expect((await stack.store.receipts.listReceipts('later'))[0]?.outcome).toBe('succeeded');
  });
});
