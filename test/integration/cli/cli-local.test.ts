import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RepoRoot, runBin, runCli } from '../../support/run-cli.js';

/** Whether text holds a control character other than newline: a non-TTY transcript has no escape or spinner codes. */
const hasControlCharacters = (text: string): boolean =>
  [...text].some((char) => char !== '\n' && (char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f));

describe('agentdrop on the local cloud a command starts for itself', () => {
  let dataDir = '';
  let broken = '';
  // In-process, as the commands run; the first push is the real bin in a child process, as a user runs it.
  const cli = (argv: string[], env: Record<string, string> = {}) =>
    runCli(argv, RepoRoot, { AGENTDROP_LOCAL_DIR: dataDir, ...env });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'agentdrop-cli-'));
    broken = await mkdtemp(join(tmpdir(), 'agentdrop-broken-'));
    await writeFile(join(broken, 'agent.md'), '---\nsubagents: [ghost]\n---\nHi\n');
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(broken, { recursive: true, force: true });
  });

  it('pushes examples/single from the real bin, seeding its secret from the environment, and succeeds', async () => {
    const run = await runBin(['push', 'examples/single'], {
      AGENTDROP_LOCAL_DIR: dataDir,
      DOCS_TOKEN: 'canary-cli-docs-token',
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('using the embedded local cloud');
    expect(run.stderr).toContain(
      'Seeded local secret agentdrop/DOCS_TOKEN from the environment variable DOCS_TOKEN.',
    );
    expect(run.stdout).toContain('Run 1 · upload drops/single.zip');
    expect(run.stdout).toMatch(/✓ Create or update harness/);
    expect(run.stdout).toMatch(/^Succeeded {2}/m);
    expect(`${run.stdout}${run.stderr}`).not.toContain('canary-cli-docs-token');
    expect(hasControlCharacters(run.stdout)).toBe(false);
    expect(hasControlCharacters('a\u001b[32mb')).toBe(true);
  });

  it('pushes examples/team and keeps a receipt whose trace proves nested delegation', async () => {
    const run = await cli(['push', 'examples/team', '--local']);
    expect([run.code, /^Succeeded {2}/m.test(run.stdout)]).toEqual([0, true]);
    expect(run.stdout).toContain('✓ Build image');
    const receipt = JSON.parse((await cli(['receipt', 'team', '--json'])).stdout);
    expect(receipt.outcome).toBe('succeeded');
    const cells = Object.fromEntries(
      receipt.cells.map((cell: { cell: string; state: string }) => [cell.cell, cell.state]),
    );
    expect(cells).toMatchObject({
      'subagent:researcher': 'EXERCISED',
      'subagent:writer': 'EXERCISED',
      skills: 'EXERCISED',
    });
    const skills = receipt.cells.find((cell: { cell: string }) => cell.cell === 'skills');
    expect(skills.evidence).toMatch(/depth [1-9]/);
    // The receipt names the groups the agent's logs are delivered to.
    expect((await cli(['receipt', 'team'])).stdout).toContain(
      '  agent logs   /aws/vendedlogs/bedrock-agentcore/agentdrop-local/application (usage: /aws/vendedlogs/bedrock-agentcore/agentdrop-local/usage)',
    );
  });

  it('skips the same push', async () => {
    const run = await cli(['push', 'examples/team']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Skipped {2}/m);
    expect(run.stdout).toContain('reason      unchanged');
    expect(run.stdout).toContain('hint        to deploy anyway: agentdrop redeploy team --force');
  });

  it('refuses an invalid folder with its code and uploads nothing', async () => {
    const run = await cli(['push', broken, '--project', 'broken']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('broken: the drop is not deployable (1 error(s)); nothing was uploaded.');
    expect(run.stderr).toContain('subagent.missing');
    const status = await cli(['status', 'broken', '--json']);
    expect([status.code, JSON.parse(status.stdout).error]).toEqual([
      1,
      expect.objectContaining({
        name: 'ProjectNotFound',
        context: { project: 'broken', known: 'single,team' },
      }),
    ]);
  });

  it('reports status and receipts that match each other', async () => {
    const all = JSON.parse((await cli(['status', '--json'])).stdout);
    expect(all.map((row: { state: { project: string } }) => row.state.project)).toEqual(['single', 'team']);
    const team = JSON.parse((await cli(['status', 'team', '--json'])).stdout);
    const latest = JSON.parse((await cli(['receipt', 'team', team.deploys[0].deployId, '--json'])).stdout);
    expect(latest).toEqual(team.deploys[0]);
    expect(team.deploys.map((d: { outcome: string }) => d.outcome)).toEqual(['skipped', 'succeeded']);
  });

  it('redeploys with --force as a new deploy', async () => {
    const run = await cli(['redeploy', 'team', '--force']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Run 1 · redeploy team (forced)');
    const team = JSON.parse((await cli(['status', 'team', '--json'])).stdout);
    expect([team.deploys[0].outcome, team.deploys[0].decision, team.state.resource.version]).toEqual([
      'succeeded',
      'update',
      '2',
    ]);
  });

  it('refuses to destroy a project that never existed, naming the known ones and writing nothing', async () => {
    const run = await cli(['destroy', 'nosuch', '--yes', '--json']);
    expect([run.code, JSON.parse(run.stdout).error]).toEqual([
      1,
      expect.objectContaining({
        name: 'ProjectNotFound',
        context: { project: 'nosuch', known: 'single,team' },
      }),
    ]);
    expect(JSON.parse((await cli(['status', '--json'])).stdout)).toHaveLength(2);
    expect((await cli(['receipt', 'nosuch'])).stderr).toMatch(
      /ProjectNotFound: Project nosuch does not exist/,
    );
  });

  it('destroys a project after --yes and shows it gone', async () => {
    const run = await cli(['destroy', 'single', '--yes']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Destroyed {2}/m);
    const status = JSON.parse((await cli(['status', 'single', '--json'])).stdout);
    expect(status.state).toBeNull();
  });

  it('refuses destroy without --yes outside a terminal, and unknown flags, with exit 2', async () => {
    expect((await cli(['destroy', 'team'])).code).toBe(2);
    const unknown = await cli(['push', 'examples/team', '--fast']);
    expect([unknown.code, unknown.stderr.trim()]).toEqual([
      2,
      "usage: unknown option '--fast' (see agentdrop push --help)",
    ]);
  });
});
