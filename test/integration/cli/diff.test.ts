import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';

describe('agentdrop diff on the local cloud', () => {
  let scratch = '';
  const cli = (argv: string[], env: Record<string, string> = {}) =>
    runCli(argv, scratch, { AGENTDROP_LOCAL_DIR: join(scratch, '.local-cloud'), ...env });

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'agentdrop-diff-'));
    expect((await cli(['init', 'demo'])).code).toBe(0);
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('says a first push would be rejected while its secret is missing, listing every item as added', async () => {
    const run = await cli(['diff', 'demo', '--json'], { DOCS_TOKEN: 'unused' });
    const diff = JSON.parse(run.stdout);
    // Diff seeds nothing: the secret is missing until push seeds it from the environment.
    expect([run.code, diff.decision, diff.diagnostics.map((d: { code: string }) => d.code)]).toEqual([
      1,
      'invalid',
      ['secret.missing'],
    ]);
    expect(diff.changes).toContainEqual({
      subject: 'skill',
      kind: 'added',
      name: 'greeting',
      detail: expect.stringMatching(/^content [0-9a-f]{12}, 1 file\(s\)$/),
    });
  });

  it('exits 0 with no change right after a push', async () => {
    expect((await cli(['push', 'demo'], { DOCS_TOKEN: 'canary-diff-token' })).code).toBe(0);
    const run = await cli(['diff', 'demo']);
    expect([run.code, run.stdout]).toEqual([
      0,
      expect.stringMatching(/^demo: skip {2}unchanged: same spec hash and secret versions/),
    ]);
  });

  it('lists an edited skill as changed, decides update and exits 1, writing nothing', async () => {
    const receipts = JSON.parse((await cli(['status', 'demo', '--json'])).stdout).deploys;
    await appendFile(join(scratch, 'demo', 'skills', 'greeting', 'SKILL.md'), '\nSign off with "Cheers".\n');
    const run = await cli(['diff', 'demo']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^demo: update {2}the harness would be updated in place\n/);
    expect(run.stdout).toMatch(/^~ skill greeting {2}content [0-9a-f]{12} → [0-9a-f]{12}$/m);
    const json = JSON.parse((await cli(['diff', 'demo', '--json'])).stdout);
    expect(json.changes).toEqual([
      { subject: 'skill', kind: 'changed', name: 'greeting', detail: expect.stringMatching(/^content /) },
    ]);
    const after = JSON.parse((await cli(['status', 'demo', '--json'])).stdout);
    expect(after.deploys).toEqual(receipts);
  });

  it('compares with the plan STATE records after a rollback moved live back', async () => {
    expect((await cli(['push', 'demo'])).code).toBe(0);
    expect((await cli(['rollback', 'demo'])).code).toBe(0);
    const run = await cli(['diff', 'demo', '--json']);
    const diff = JSON.parse(run.stdout);
    expect([run.code, diff.decision, diff.changes, diff.previousPlan]).toEqual([0, 'skip', [], true]);
  });

  it('decides replace when the manifest moves the agent to another region', async () => {
    await appendFile(join(scratch, 'demo', 'agentdrop.yaml'), 'region: eu-central-1\n');
    const diff = JSON.parse((await cli(['diff', 'demo', '--json'])).stdout);
    expect([diff.decision, diff.changes.map((c: { name: string }) => c.name)]).toEqual([
      'replace',
      ['region', 'assistant'],
    ]);
  });

  it('refuses an invalid project name before opening a target', async () => {
    const run = await cli(['diff', 'demo', '--project', 'Demo!']);
    expect([run.code, run.stderr]).toEqual([
      1,
      expect.stringMatching(/^project.invalid_name: .*use --project demo/),
    ]);
  });
});
