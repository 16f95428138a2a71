import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';

describe('agentdrop init', () => {
  let scratch = '';
  let dataDir = '';
  const cli = (argv: string[], env: Record<string, string> = {}) =>
    runCli(argv, scratch, { AGENTDROP_LOCAL_DIR: dataDir, ...env });

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'agentdrop-init-'));
    dataDir = join(scratch, '.local-cloud');
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  describe.each([
    ['single', 'demo', 'harness'],
    ['team', 'crew', 'runtime'],
  ])('with the %s template', (template, project, mode) => {
    it('writes a folder that plans with no error and no warning', async () => {
      const init = await cli(['init', project, '--template', template, '--json']);
      expect(init.code).toBe(0);
      expect(JSON.parse(init.stdout)).toEqual({
        dir: join(scratch, project),
        template,
        project: { name: project, flag: false },
        files: expect.arrayContaining(['agentdrop.yaml', 'README.md']),
      });
      const plan = await cli(['plan', project, '--json']);
      const parsed = JSON.parse(plan.stdout);
      expect([plan.code, parsed.mode, parsed.deployable, parsed.secretNames]).toEqual([
        0,
        mode,
        true,
        ['DOCS_TOKEN'],
      ]);
      expect(
        parsed.diagnostics
          .filter((d: { level: string }) => d.level !== 'info')
          .map((d: { code: string }) => d.code),
      ).toEqual([]);
      expect(parsed.skillBundles.map((skill: { name: string }) => skill.name)).toEqual(['greeting']);
    });

    it('deploys on the local cloud as is, its secret seeded from the environment', async () => {
      const push = await cli(['push', project], { DOCS_TOKEN: 'canary-init-token' });
      expect([push.code, push.stdout]).toEqual([0, expect.stringMatching(/^Succeeded {2}/m)]);
      expect(`${push.stdout}${push.stderr}`).not.toContain('canary-init-token');
    });
  });

  it('deploys with nothing set: a missing local secret gets a placeholder, named once and never printed', async () => {
    const fresh = join(scratch, 'fresh-cloud');
    const run = (argv: string[]) => runCli(argv, scratch, { AGENTDROP_LOCAL_DIR: fresh });
    expect((await run(['init', 'bare'])).code).toBe(0);
    const push = await run(['push', 'bare']);
    expect([push.code, push.stdout]).toEqual([0, expect.stringMatching(/^Succeeded {2}/m)]);
    expect(push.stderr).toContain(
      'Seeded local secret agentdrop/DOCS_TOKEN with a random placeholder (sent to the MCP server, which will refuse it); set a real value with: agentdrop secrets set DOCS_TOKEN',
    );
    expect(`${push.stdout}${push.stderr}`).not.toMatch(/local-placeholder-/);
    const again = await run(['push', 'bare']);
    expect([again.code, again.stderr]).toEqual([0, expect.not.stringContaining('Seeded')]);
  });

  it('tells how to set the MCP secret in the manifest comment', async () => {
    const manifest = await readFile(join(scratch, 'demo', 'agentdrop.yaml'), 'utf8');
    expect(manifest).toContain('agentdrop secrets set DOCS_TOKEN');
  });

  it('refuses a non-empty folder without --force and writes nothing', async () => {
    const dir = join(scratch, 'taken');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine\n');
    const run = await cli(['init', 'taken', '--json']);
    expect([run.code, JSON.parse(run.stdout).error]).toEqual([
      1,
      expect.objectContaining({ name: 'FolderNotEmpty', context: { dir, entries: 1 } }),
    ]);
    const forced = await cli(['init', 'taken', '--force']);
    expect(forced.code).toBe(0);
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');
    expect(await readFile(join(dir, 'agent.md'), 'utf8')).toContain('name: assistant');
  });

  it('refuses a file as the folder, as a usage error', async () => {
    await writeFile(join(scratch, 'a-file'), 'x\n');
    const run = await cli(['init', 'a-file']);
    expect([run.code, run.stderr]).toEqual([
      2,
      `usage: ${join(scratch, 'a-file')} is a file, not a folder (see agentdrop init --help)\n`,
    ]);
  });

  it('refuses an unknown template as a usage error', async () => {
    const run = await cli(['init', 'other', '--template', 'swarm']);
    expect([run.code, run.stderr]).toEqual([
      2,
      "usage: option '--template <name>' argument 'swarm' is invalid. Allowed choices are single, team. (see agentdrop init --help)\n",
    ]);
  });

  it('names the --project to push a folder whose name is not a valid project name', async () => {
    const run = await cli(['init', 'My Agent']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("agentdrop push 'My Agent' --project my-agent");
  });
});
