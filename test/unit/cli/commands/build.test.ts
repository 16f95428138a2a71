import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { registerBuildCommand } from '../../../../cli/commands/build.js';
import { readZipBundle } from '../../../../core/bundle/index.js';
import { runCli } from '../../../support/run-cli.js';

const RepoRoot = join(import.meta.dirname, '../../../..');
const Out = join(RepoRoot, 'test/fixtures/generated/compile/cli');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `agentdrop build …` through the registered command alone, in-process. */
async function runBuild(argv: readonly string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  let code = 0;
  const program = new Command('agentdrop').exitOverride();
  registerBuildCommand(
    program,
    {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      isTty: false,
      env: {},
      cwd: RepoRoot,
    },
    (c) => {
      code = c;
    },
  );
  await program.parseAsync(['build', ...argv], { from: 'user' });
  return { code, stdout, stderr };
}

describe('registerBuildCommand', () => {
  afterEach(() => rmSync(Out, { recursive: true, force: true }));

  describe('when given the team example', () => {
    it('writes the build context directory and a deterministic zip', async () => {
      const run = await runBuild(['examples/team', '--out', `${Out}/team`, '--zip', `${Out}/team.zip`]);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toContain('Built runtime context for team: 3 agent(s), entry editor');
      for (const file of [
        'agent.mjs',
        'team.json',
        'package.json',
        'package-lock.json',
        'Dockerfile',
        '.dockerignore',
        'NOTES.md',
      ]) {
        expect(existsSync(join(Out, 'team', file)), file).toBe(true);
      }
      expect(existsSync(join(Out, 'team/skills/house-style/SKILL.md'))).toBe(true);
      const first = readFileSync(`${Out}/team.zip`);
      await runBuild(['examples/team', '--zip', `${Out}/team.zip`]);
      expect(readFileSync(`${Out}/team.zip`).equals(first)).toBe(true);
    });

    it('prints what it built as one JSON object with --json', async () => {
      const run = await runBuild(['examples/team', '--zip', `${Out}/team.zip`, '--json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({
        project: 'team',
        agents: 3,
        entry: 'editor',
        files: expect.any(Number),
        bytes: expect.any(Number),
        directory: null,
        zip: { path: `${Out}/team.zip`, bytes: readFileSync(`${Out}/team.zip`).byteLength },
        artifact: 'container',
        image: expect.stringMatching(/^agentdrop\/team:[0-9a-f]{12}$/),
        platform: 'linux/arm64',
        warnings: expect.any(Number),
      });
    });
  });

  describe('when the runtime ships as code', () => {
    it('writes the code package: the pre-bundled agent beside the roster, no Dockerfile', async () => {
      const source = `${Out}/team-code-src`;
      cpSync(join(RepoRoot, 'examples/team'), source, { recursive: true });
      writeFileSync(
        `${source}/agentdrop.yaml`,
        `${readFileSync(`${source}/agentdrop.yaml`, 'utf8')}runtime:\n  artifact: code\n`,
      );
      const run = await runBuild([source, '--project', 'team', '--zip', `${Out}/team-code.zip`, '--json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ artifact: 'code', image: null, platform: 'NODE_22' });
      const tree = await readZipBundle(readFileSync(`${Out}/team-code.zip`));
      expect(
        tree.ok && [...tree.tree.files.keys()].filter((path) => !path.startsWith('skills/')).sort(),
      ).toEqual(['NOTES.md', 'agent.mjs', 'team.json']);
    });
  });

  describe('when the plan is a harness plan', () => {
    it('exits 1 saying harness mode needs no container', async () => {
      const run = await runCli(['build', 'examples/single', '--out', `${Out}/single`]);
      expect(run).toEqual({
        code: 1,
        stdout: '',
        stderr: 'BuildRefused: harness mode needs no container (use --mode runtime to build one anyway).\n',
      });
      expect(existsSync(`${Out}/single`)).toBe(false);
    });

    it('fails with one JSON error object on stdout with --json', async () => {
      const run = await runCli(['build', 'examples/single', '--out', `${Out}/single`, '--json']);
      expect([run.code, JSON.parse(run.stdout)]).toEqual([
        1,
        {
          error: {
            name: 'BuildRefused',
            code: 'BuildRefused',
            message: 'harness mode needs no container (use --mode runtime to build one anyway).',
            context: { project: 'single', errors: 0 },
          },
        },
      ]);
    });
  });

  describe('when --mode runtime is given for a single agent with a secret', () => {
    it('builds and lists the secret variable in NOTES.md', async () => {
      const run = await runBuild(['examples/single', '--mode', 'runtime', '--out', `${Out}/single`]);
      expect(run.code).toBe(0);
      expect(readFileSync(`${Out}/single/NOTES.md`, 'utf8')).toMatch(
        /\| DOCS_TOKEN \| `AGENTDROP_MCP_[A-Z_]+` \|/,
      );
    });
  });

  describe('when the drop is not deployable', () => {
    it('exits 1 printing the error diagnostics', async () => {
      const drop = join(Out, 'broken');
      mkdirSync(drop, { recursive: true });
      writeFileSync(join(drop, 'notes.txt'), 'no agent here');
      const run = await runCli(['build', drop, '--out', `${Out}/broken-out`]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^project\.not_found: broken is not deployable \(1 error\(s\)\)\.\n {2}project\.not_found /,
      );
      const json = await runCli(['build', drop, '--out', `${Out}/broken-out`, '--json']);
      expect(JSON.parse(json.stdout).error).toMatchObject({
        name: 'BuildRefused',
        code: 'project.not_found',
        diagnostics: [{ code: 'project.not_found', level: 'error' }],
      });
    });
  });

  describe('when --out is a non-empty directory that holds no build', () => {
    it('rejects without touching it', async () => {
      mkdirSync(`${Out}/mine`, { recursive: true });
      writeFileSync(`${Out}/mine/keep.txt`, 'mine');
      await expect(runBuild(['examples/team', '--out', `${Out}/mine`])).rejects.toThrow(/refusing to write/);
      expect(readFileSync(`${Out}/mine/keep.txt`, 'utf8')).toBe('mine');
    });
  });
});
