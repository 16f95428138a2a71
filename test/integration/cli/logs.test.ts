import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RepoRoot, runCli } from '../../support/run-cli.js';

interface LogsDocument {
  readonly project: string;
  readonly deployId: string;
  readonly executionArn: string;
  readonly entries: readonly {
    time: string;
    source: string;
    message: string;
    group?: string;
    stream?: string;
  }[];
}

/** The `message` of a structured log line, else null. */
const messageOf = (line: string): unknown => {
  try {
    return (JSON.parse(line) as { message?: unknown }).message ?? null;
  } catch {
    return null;
  }
};

describe('agentdrop logs on the local cloud', () => {
  let dataDir = '';
  let deployId = '';
  let invokedAt = 0;
  const cli = (argv: string[], env: Record<string, string> = {}) =>
    runCli(argv, RepoRoot, { AGENTDROP_LOCAL_DIR: dataDir, AGENTDROP_POLL_INTERVAL_MS: '20', ...env });
  const logsJson = async (argv: string[] = []): Promise<LogsDocument> => {
    const run = await cli(['logs', 'team', ...argv, '--json']);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as LogsDocument;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'agentdrop-logs-'));
    // Each command starts the local cloud for itself: what logs reads was kept in the data directory.
    const push = await cli(['push', 'examples/team']);
    expect(push.code, push.stdout + push.stderr).toBe(0);
    deployId = JSON.parse((await cli(['receipt', 'team', '--json'])).stdout).deployId;
    invokedAt = Date.now();
    const invoke = await cli(['invoke', 'team', 'What protects S3 objects?']);
    expect(invoke.code, invoke.stderr).toBe(0);
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("shows the latest deploy's states in order, its build output and its functions' lines carrying the deploy id", async () => {
    const run = await cli(['logs', 'team']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`team · deploy ${deployId} · succeeded`);
    const lines = run.stdout.trimEnd().split('\n');
    const times = lines.map((line) => line.slice(0, 12));
    expect(times).toEqual([...times].sort());
    const states = lines.filter((line) => / {2}run {6}/.test(line)).map((line) => line.slice(24));
    const order = [
      'Plan entered (Task)',
      'BuildImage entered (Task)',
      'SmokeTest entered (Task)',
      'RecordSuccess entered (Task)',
      'run SUCCEEDED',
    ];
    expect(order.map((state) => states.indexOf(state))).toEqual(
      [...order.map((state) => states.indexOf(state))].sort((a, b) => a - b),
    );
    expect(order.every((state) => states.includes(state))).toBe(true);
    expect(states.at(-1)).toBe('run SUCCEEDED');
    const build = lines.filter((line) => / {2}build {4}/.test(line));
    expect(build.join('\n')).toMatch(
      /\[Container\] .*Running command docker buildx build --platform linux\/arm64 .*-t \S*team\S* \./,
    );
    expect(build.join('\n')).toMatch(/\[Container\] .*Build succeeded/);
    expect(
      lines.some((line) =>
        line.includes(`  plan      INFO invocation completed action=plan project=team deployId=${deployId}`),
      ),
    ).toBe(true);
    expect(
      lines.some((line) =>
        line.includes(
          `  runtime   INFO invocation completed action=deploy project=team deployId=${deployId}`,
        ),
      ),
    ).toBe(true);
    expect(lines.some((line) => / {2}invoke {4}START RequestId: /.test(line))).toBe(true);
  });

  it("prints the entries as JSON, with the runtime's own lines after an invoke", async () => {
    const document = await logsJson();
    expect(document).toEqual({
      project: 'team',
      deployId,
      executionArn: expect.stringMatching(
        /^arn:aws:states:us-west-2:000000000000:execution:agentdrop-deploy:/,
      ),
      entries: expect.any(Array),
    });
    for (const entry of document.entries) {
      expect(Object.keys(entry).sort()).toEqual(
        entry.source === 'run'
          ? ['message', 'source', 'time']
          : ['group', 'message', 'source', 'stream', 'time'],
      );
    }
    const agent = document.entries.filter((entry) => entry.source === 'agent');
    // The receipt names the stack's delivered group: the agent's lines are read there, from its own streams.
    expect(new Set(agent.map((entry) => entry.group))).toEqual(
      new Set(['/aws/vendedlogs/bedrock-agentcore/agentdrop-local/application']),
    );
    expect(new Set(agent.map((entry) => entry.stream?.split('/')[0])).size).toBe(1);
    const started = agent.filter((entry) => Date.parse(entry.time) >= invokedAt);
    // The container's own lines: its structured log, and whatever else it prints (Node warnings, its server's log).
    expect(started.map((entry) => messageOf(entry.message))).toContain('runtime started');
    const functions = document.entries.filter((entry) =>
      ['plan', 'runtime', 'invoke'].includes(entry.source),
    );
    expect(new Set(functions.map((entry) => entry.group))).toEqual(
      new Set([
        '/aws/lambda/agentdrop-plan',
        '/aws/lambda/agentdrop-runtime',
        '/aws/lambda/agentdrop-invoke',
      ]),
    );
  });

  it('past the cap keeps the newest lines of each read and says on stderr which part was left out', async () => {
    const full = await logsJson();
    const capped = await cli(['logs', 'team', '--json'], { AGENTDROP_LOG_EVENTS_MAX: '2' });
    expect(capped.code, capped.stderr).toBe(0);
    const { entries } = JSON.parse(capped.stdout) as LogsDocument;
    for (const source of ['agent', 'build']) {
      const all = full.entries.filter((entry) => entry.source === source);
      expect(all.length).toBeGreaterThan(2);
      expect(entries.filter((entry) => entry.source === source)).toEqual(all.slice(-2));
      const group = all[0]!.group!;
      expect(capped.stderr).toContain(
        `Only the newest 2 ${source} lines of ${group} are shown: lines before ${all.at(-2)!.time} were left out.\n`,
      );
    }
    // Under the cap nothing is said.
    expect((await cli(['logs', 'team', '--json'])).stderr).not.toContain('Only the newest');
  });

  it('follows a named deploy until its run has ended, printing each line once', async () => {
    const named = await logsJson([deployId]);
    const followed = await cli(['logs', 'team', deployId, '--follow', '--json']);
    expect(followed.code, followed.stderr).toBe(0);
    const lines = followed.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual(named.entries);
  });

  it('refuses an unknown project, an unknown deploy and a bad --since', async () => {
    const unknown = await cli(['logs', 'nosuch']);
    expect([unknown.code, unknown.stderr]).toEqual([
      1,
      expect.stringContaining('ProjectNotFound: Project nosuch does not exist'),
    ]);
    const json = await cli(['logs', 'nosuch', '--json']);
    expect([json.code, JSON.parse(json.stdout).error.code]).toEqual([1, 'ProjectNotFound']);
    expect((await cli(['logs', 'team', '01JD3Z8K6Q2W7X9Y4V5T3R2P1N'])).stderr).toContain('ReceiptNotFound');
    expect((await cli(['logs', 'team', '--since', 'yesterday'])).code).toBe(2);
  });

  it("still shows a deploy's function lines once its execution history is gone, saying so", async () => {
    // The local cloud keeps the newest 100 ended executions (Step Functions: 90 days); drop them all.
    await rm(join(dataDir, 'executions'), { recursive: true, force: true });
    const run = await cli(['logs', 'team', deployId]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('the execution history is no longer kept: the run states are not shown');
    expect(run.stdout).toMatch(new RegExp(`  plan {6}.*deployId=${deployId}`));
    expect(run.stdout).not.toContain('Plan entered (Task)');
  });
});
