import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerSecretsCommand } from '../../../cli/commands/secrets.js';
import type { CliIo } from '../../../cli/io.js';
import { main } from '../../../cli/main.js';
import { openAwsTarget } from '../../../cli/target/aws-target.js';
import { RepoRoot } from '../../support/run-cli.js';
import { type AwsStackFixture, startAwsStackFixture } from './aws-stack-fixture.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe('CLI conventions on an AWS stack (emulators + thin CloudFormation/Step Functions fakes)', () => {
  let stack: AwsStackFixture;
  let scratch = '';
  const io = (out: { stdout: string; stderr: string }, env: Record<string, string> = {}): CliIo => ({
    stdout: (text) => {
      out.stdout += text;
    },
    stderr: (text) => {
      out.stderr += text;
    },
    isTty: false,
    env: { NO_COLOR: '1', AGENTDROP_POLL_INTERVAL_MS: '5', ...env },
    cwd: RepoRoot,
  });
  const cli = async (argv: readonly string[], env: Record<string, string> = {}): Promise<Run> => {
    const out = { stdout: '', stderr: '' };
    const code = await main(argv, io(out, env));
    return { code, ...out };
  };
  const onStack = (argv: readonly string[], env?: Record<string, string>) =>
    cli([...argv, '--stack', stack.stackName], env);
  /** Runs started so far: a refused command starts none. */
  const runs = (): number => stack.server.stepfunctions.executions().length;

  beforeAll(async () => {
    stack = await startAwsStackFixture('agentdrop-conventions');
    for (const [name, value] of Object.entries(stack.awsEnv)) vi.stubEnv(name, value);
    scratch = await mkdtemp(join(tmpdir(), 'agentdrop-conventions-'));
    const set = await onStack(['secrets', 'set', 'DOCS_TOKEN', '--from-env', 'TOKEN', '--json'], {
      TOKEN: 'canary-conventions-token',
    });
    expect(set.code).toBe(0);
    expect((await onStack(['push', 'examples/single'])).code).toBe(0);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await stack?.stop();
    await rm(scratch, { recursive: true, force: true });
  });

  describe('project names', () => {
    it('refuses destroy of a project that never existed: exit 1, the known projects, nothing written', async () => {
      const before = runs();
      const run = await onStack(['destroy', 'nosuch', '--yes']);
      expect([run.code, run.stdout, run.stderr]).toEqual([
        1,
        '',
        'ProjectNotFound: Project nosuch does not exist on the stack (no state, no receipts, no drop); known projects: single.\n',
      ]);
      expect(runs()).toBe(before);
      expect(await stack.store.receipts.listReceipts('nosuch')).toEqual([]);
    });

    it('refuses destroy of ../../etc with project.invalid_name and a suggestion', async () => {
      const before = runs();
      const run = await onStack(['destroy', '../../etc', '--yes']);
      expect([run.code, run.stderr]).toEqual([
        1,
        "project.invalid_name: Project name \"../../etc\" is not valid: it must match ^[a-z][a-z0-9-]{0,29}$, not end with '-' and not contain '--'; did you mean etc?\n",
      ]);
      expect(runs()).toBe(before);
    });

    it.each([[['redeploy', 'nosuch']], [['receipt', 'nosuch']], [['status', 'nosuch']]])(
      'refuses %j on an unknown project with ProjectNotFound',
      async (argv) => {
        const before = runs();
        const run = await onStack(argv);
        expect([run.code, run.stderr]).toEqual([
          1,
          expect.stringMatching(/^ProjectNotFound: .*known projects: single\.\n$/),
        ]);
        expect(runs()).toBe(before);
      },
    );

    it.each([
      [['status', 'Team']],
      [['receipt', 'Team']],
      [['redeploy', 'Team']],
      [['destroy', 'Team', '--yes']],
    ])('refuses %j before opening any target', async (argv) => {
      const run = await cli(argv);
      expect([run.code, run.stderr]).toEqual([
        1,
        "project.invalid_name: Project name \"Team\" is not valid: it must match ^[a-z][a-z0-9-]{0,29}$, not end with '-' and not contain '--'; did you mean team?\n",
      ]);
    });

    it('refuses to push a folder whose name is no project name, saying which --project to use', async () => {
      const folder = join(scratch, 'Helper (1)');
      await cp(join(RepoRoot, 'examples/single'), folder, { recursive: true });
      const before = runs();
      const run = await onStack(['push', folder]);
      expect([run.code, run.stderr]).toEqual([
        1,
        expect.stringMatching(/^project\.invalid_name: .*; use --project helper-1\n$/),
      ]);
      expect(runs()).toBe(before);
    });

    it('tells whether a drop exists in the bucket (a project may have a drop before its first receipt)', async () => {
      const target = await openAwsTarget(io({ stdout: '', stderr: '' }), stack.stackName);
      try {
        expect([await target.hasDrop?.('single'), await target.hasDrop?.('nosuch')]).toEqual([true, false]);
      } finally {
        await target.close();
      }
    });
  });

  describe('--json', () => {
    it('prints a refusal as one error object on stdout, exit code unchanged', async () => {
      const run = await onStack(['destroy', 'nosuch', '--yes', '--json']);
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toEqual({
        error: {
          name: 'ProjectNotFound',
          code: 'ProjectNotFound',
          message:
            'Project nosuch does not exist on the stack (no state, no receipts, no drop); known projects: single.',
          context: { project: 'nosuch', known: 'single' },
        },
      });
    });

    it('prints a refused push with its diagnostics', async () => {
      const broken = join(scratch, 'broken');
      await cp(join(RepoRoot, 'examples/single'), broken, { recursive: true });
      await writeFile(join(broken, 'agent.md'), '---\nsubagents: [ghost]\n---\nHi\n');
      const before = runs();
      const run = await onStack(['push', broken, '--json']);
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toEqual({
        error: {
          name: 'DropNotDeployable',
          code: 'subagent.missing',
          message: 'broken: the drop is not deployable (1 error(s)); nothing was uploaded.',
          context: { project: 'broken', errors: 1 },
          diagnostics: [expect.objectContaining({ code: 'subagent.missing', level: 'error' })],
        },
      });
      expect(run.stderr).toMatch(
        /^subagent\.missing: broken: the drop is not deployable.*\n {2}subagent\.missing /,
      );
      expect(runs()).toBe(before);
    });

    it('prints a usage error as one error object pointing at --help, exit 2', async () => {
      const run = await cli(['push', 'examples/single', '--fast', '--json']);
      expect([run.code, run.stderr, JSON.parse(run.stdout)]).toEqual([
        2,
        "usage: unknown option '--fast' (see agentdrop push --help)\n",
        {
          error: {
            name: 'UsageError',
            code: 'UsageError',
            message: "unknown option '--fast'",
            context: { command: 'agentdrop push' },
            help: 'agentdrop push --help',
          },
        },
      ]);
    });

    it('prints a redeploy as the runs it followed, and nothing else on stdout', async () => {
      const run = await onStack(['redeploy', 'single', '--json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual([
        expect.objectContaining({
          outcome: 'Skipped',
          status: 'SUCCEEDED',
          receipt: expect.objectContaining({ skipReason: 'unchanged' }),
        }),
      ]);
    });

    it('prints the secrets and a stored secret without any value', async () => {
      const set = await onStack(['secrets', 'set', 'OTHER', '--from-env', 'TOKEN', '--json'], {
        TOKEN: 'canary-json-token',
      });
      const list = await onStack(['secrets', 'list', '--json']);
      expect([set.code, JSON.parse(set.stdout)]).toEqual([
        0,
        { name: 'agentdrop/OTHER', versionId: expect.any(String), redeploying: [] },
      ]);
      expect(JSON.parse(list.stdout)).toEqual({
        secrets: [
          { name: 'agentdrop/DOCS_TOKEN', versionId: expect.any(String) },
          { name: 'agentdrop/OTHER', versionId: JSON.parse(set.stdout).versionId },
        ],
      });
      expect(`${set.stdout}${set.stderr}${list.stdout}`).not.toContain('canary');
    });

    it('prints an upload that is not followed as one object', async () => {
      const run = await onStack([
        'push',
        'examples/single',
        '--project',
        'unfollowed',
        '--no-follow',
        '--json',
      ]);
      expect([run.code, JSON.parse(run.stdout)]).toEqual([
        0,
        { uploaded: 'drops/unfollowed.zip', bytes: expect.any(Number), project: 'unfollowed' },
      ]);
      await stack.server.idle();
    });

    it('prints a destroy as the runs it followed', async () => {
      expect((await onStack(['push', 'examples/single', '--project', 'doomed'])).code).toBe(0);
      const run = await onStack(['destroy', 'doomed', '--yes', '--json']);
      expect([run.code, JSON.parse(run.stdout)]).toEqual([
        0,
        [expect.objectContaining({ outcome: 'Destroyed' })],
      ]);
    });
  });

  describe('an unchanged redeploy', () => {
    it('says how to force one', async () => {
      const run = await onStack(['redeploy', 'single']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        '  hint        to deploy anyway: agentdrop redeploy single --force (or force: true in agentdrop.yaml)\n',
      );
    });
  });

  describe('--profile and --region', () => {
    it('finds the stack in the region given by --region when none is configured', async () => {
      vi.stubEnv('AWS_REGION', undefined);
      try {
        expect((await onStack(['status'])).stderr).toMatch(/^RegionMissing: /);
        const run = await onStack(['status', '--region', stack.cloud.region, '--json']);
        expect([
          run.code,
          JSON.parse(run.stdout).map((row: { state: { project: string } }) => row.state.project),
        ]).toEqual([0, ['single', 'unfollowed']]);
      } finally {
        vi.stubEnv('AWS_REGION', stack.cloud.region);
      }
    });

    it('takes credentials and region from the profile named by --profile', async () => {
      const config = join(scratch, 'aws-config');
      const credentials = join(scratch, 'aws-credentials');
      await writeFile(config, `[profile agentdrop-test]\nregion = ${stack.cloud.region}\n`);
      await writeFile(
        credentials,
        '[agentdrop-test]\naws_access_key_id = S3RVER\naws_secret_access_key = S3RVER\n',
      );
      vi.stubEnv('AWS_REGION', undefined);
      vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
      vi.stubEnv('AWS_CONFIG_FILE', config);
      vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', credentials);
      try {
        const without = await onStack(['receipt', 'single']);
        expect([without.code, without.stderr]).toEqual([1, expect.stringMatching(/^RegionMissing: /)]);
        const run = await onStack(['receipt', 'single', '--profile', 'agentdrop-test', '--json']);
        expect([run.code, JSON.parse(run.stdout).project]).toEqual([0, 'single']);
      } finally {
        for (const [name, value] of Object.entries(stack.awsEnv)) vi.stubEnv(name, value);
      }
    });

    it('refuses them on the local cloud as a usage error', async () => {
      const run = await cli(['status', '--local', '--profile', 'prod']);
      expect([run.code, run.stderr]).toEqual([
        2,
        'usage: --profile applies to a stack on AWS; add --stack NAME (or set AGENTDROP_STACK): the local cloud has its own endpoints and credentials (see agentdrop status --help)\n',
      ]);
    });
  });

  describe('secrets set on a terminal', () => {
    it('asks for the value without echo and never prints it', async () => {
      const out = { stdout: '', stderr: '' };
      const questions: string[] = [];
      let code = -1;
      const program = new Command('agentdrop').exitOverride();
      registerSecretsCommand(
        program,
        io(out),
        (c) => {
          code = c;
        },
        {
          promptHidden: async (question) => {
            questions.push(question);
            return 'canary-typed-token';
          },
          readStdin: () => Promise.reject(new Error('stdin is a terminal: not read')),
        },
      );
      await program.parseAsync(['secrets', 'set', 'TYPED', '--stack', stack.stackName], { from: 'user' });
      expect([code, questions, out.stdout]).toEqual([
        0,
        ['Value of TYPED (not shown): '],
        expect.stringMatching(/^Stored agentdrop\/TYPED \(version \S+\)\.\n$/),
      ]);
      expect(`${out.stdout}${out.stderr}`).not.toContain('canary');
    });
  });
});
