import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RepoRoot } from '../support/run-cli.js';

// Slow (about 40 s: npm pack builds dist/, npm install fetches the dependencies): `npx vitest run test/slow`.
// The packed tarball is installed into a fresh project under the temp directory, away from the repository,
// and used there as a user would: the bin through `npx`, the construct through `agentdrop-aws/cdk`.

const root = mkdtempSync(join(tmpdir(), 'agentdrop-packed-'));
const project = join(root, 'my-agents');
const home = join(root, 'home');
const packageDir = join(project, 'node_modules', 'agentdrop-aws');
let tarball = '';

const manifest = JSON.parse(readFileSync(join(RepoRoot, 'package.json'), 'utf8')) as {
  version: string;
  devDependencies: Record<string, string>;
};

/**
 * The test's environment without what ties a command to the repository (npm's script variables, the repo's
 * node_modules on PATH, agentdrop settings): Node 22 first on PATH, HOME in the temp directory, and npm's real
 * user configuration and cache (registry, certificates; no download of what CI fetched already).
 */
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(npm_|INIT_CWD$|AGENTDROP_|XDG_STATE_HOME$|NODE_OPTIONS$|VITEST)/i.test(name),
    ),
  ),
  PATH: [
    dirname(process.execPath),
    ...(process.env.PATH ?? '').split(delimiter).filter((dir) => !dir.includes('node_modules')),
  ].join(delimiter),
  HOME: home,
  NO_COLOR: '1',
  npm_config_userconfig: join(homedir(), '.npmrc'),
  npm_config_cache: process.env.npm_config_cache ?? join(homedir(), '.npm'),
};

function run(command: string, args: readonly string[], cwd = project): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 90_000 });
}

function agentdrop(...args: string[]): SpawnSyncReturns<string> {
  return run('npx', ['--no-install', 'agentdrop', ...args]);
}

beforeAll(() => {
  mkdirSync(project, { recursive: true });
  mkdirSync(home, { recursive: true });
  const packed = run('npm', ['pack', '--pack-destination', root, '--silent'], RepoRoot);
  expect(packed.status, packed.stderr).toBe(0);
  tarball = join(root, readdirSync(root).find((name) => name.endsWith('.tgz')) ?? 'missing.tgz');
  writeFileSync(
    join(project, 'package.json'),
    '{ "name": "my-agents", "private": true, "type": "module" }\n',
  );
  const installed = run('npm', [
    'install',
    '--prefix',
    project,
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
    tarball,
    `aws-cdk-lib@${manifest.devDependencies['aws-cdk-lib']}`,
    `constructs@${manifest.devDependencies.constructs}`,
  ]);
  expect(installed.status, installed.stderr).toBe(0);
  writeAgent('helper', 'helper', 'You answer questions briefly.');
  writeAgent('team/.managed-agents/lead', 'lead', 'You delegate to the scribe.', ['scribe']);
  writeAgent('team/.managed-agents/scribe', 'scribe', 'You write.');
}, 150_000);

afterAll(() => rm(root, { recursive: true, force: true }), 120_000);

describe('the packed package (slow)', () => {
  it('holds compiled JavaScript, declarations and the run-time assets, not the sources', () => {
    const listing = run('tar', ['-tzf', tarball]).stdout.split('\n').filter(Boolean);
    expect(listing).toEqual(
      expect.arrayContaining([
        'package/bin/agentdrop.js',
        'package/dist/cli/main.js',
        'package/dist/infra/index.js',
        'package/dist/infra/index.d.ts',
        'package/dist/statemachine/deploy.asl.json',
        'package/dist/buildspecs/runtime-image.yml',
        'package/dist/core/runtime-template/template-files.json',
        'package/dist/runtime-agent/agent.mjs',
        'package/dist/schemas/events/deploy-succeeded.json',
        'package/dist/templates/single/agent.md',
        'package/dist/templates/team/.managed-agents/lead/agent.md',
        'package/README.md',
      ]),
    );
    const unexpected = listing.filter(
      (path) => !/^package\/(dist\/|bin\/agentdrop\.js$|package\.json$|README\.md$|LICENSE$)/.test(path),
    );
    expect(unexpected).toEqual([]);
    expect(listing.filter((path) => /\.(ts|map)$/.test(path) && !path.endsWith('.d.ts'))).toEqual([]);
  });

  it('ships each Lambda bundle alone in its folder (no source map; the Plan function with the runtime agent code packages carry), each under 1 MB zipped', () => {
    const lambdas = join(packageDir, 'dist', 'lambda');
    const bundles = readdirSync(lambdas).sort();
    expect(bundles.map((name) => [name, readdirSync(join(lambdas, name)).sort()])).toEqual(
      ['finalize', 'harness', 'invoke', 'plan', 'runtime', 'start'].map((name) => [
        name,
        name === 'plan' ? ['index.mjs', 'runtime-agent.mjs'] : ['index.mjs'],
      ]),
    );
    for (const name of bundles) {
      const zipped = deflateRawSync(readFileSync(join(lambdas, name, 'index.mjs')), { level: 9 });
      expect(zipped.byteLength, name).toBeLessThan(1_000_000);
    }
  });

  it('prints its version from an unrelated folder', () => {
    const version = agentdrop('--version');
    expect([version.status, version.stdout]).toEqual([0, `${manifest.version}\n`]);
  });

  it('creates an agent folder from a template that plans there', () => {
    const init = agentdrop('init', 'fresh', '--template', 'team');
    expect([init.status, init.stderr]).toEqual([0, '']);
    const plan = agentdrop('plan', 'fresh');
    expect([plan.status, plan.stdout]).toEqual([0, expect.stringContaining('Deployable: yes')]);
  });

  it('plans and builds drops of a folder there', () => {
    const plan = agentdrop('plan', 'helper');
    expect([plan.status, plan.stderr]).toEqual([0, '']);
    expect(plan.stdout).toContain('Deployable: yes');

    const build = agentdrop('build', 'team', '--zip', 'team-context.zip');
    expect(build.status, build.stderr).toBe(0);
    expect(existsSync(join(project, 'team-context.zip'))).toBe(true);
  });

  it('pushes a harness and a runtime to the per-user local cloud, says where it is and leaves no process behind', () => {
    const push = agentdrop('push', 'helper');
    const dataDir = join(home, '.local', 'state', 'agentdrop', 'local');
    expect(push.status, push.stderr).toBe(0);
    expect(push.stderr).toContain(`using the embedded local cloud (${dataDir})`);
    expect(push.stdout).toContain('Succeeded');
    expect(existsSync(join(dataDir, 'dynamodb'))).toBe(true);
    // A team is a runtime: its image is built and run as a process on the installed package's node_modules.
    const team = agentdrop('push', 'team');
    expect(team.status, team.stderr).toBe(0);
    expect(team.stdout).toContain('Succeeded');
    expect(existsSync(join(project, '.agentdrop'))).toBe(false);
    expect(processesUnder(root)).toEqual([]);
    const status = agentdrop('status', 'helper');
    expect(status.status, status.stderr).toBe(0);
  });

  it('synthesizes a CDK app that uses new AgentDrop(...) from agentdrop-aws/cdk', () => {
    writeFileSync(
      join(project, 'app.mjs'),
      [
        "import { App, Stack } from 'aws-cdk-lib';",
        "import { AgentDrop } from 'agentdrop-aws/cdk';",
        "const app = new App({ outdir: 'cdk.out' });",
        "const stack = new Stack(app, 'Platform', { env: { account: '123456789012', region: 'us-west-2' } });",
        "new AgentDrop(stack, 'AgentDrop', {});",
        'app.synth();',
        '',
      ].join('\n'),
    );
    const synth = run('node', ['app.mjs']);
    expect(synth.status, synth.stderr).toBe(0);
    const template = JSON.parse(readFileSync(join(project, 'cdk.out', 'Platform.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const resources = Object.values(template.Resources);
    const functions = resources.filter(
      (r) =>
        r.Type === 'AWS::Lambda::Function' &&
        r.Properties.Handler === 'index.handler' &&
        r.Properties.Runtime === 'nodejs22.x',
    );
    expect(functions).toHaveLength(6);
    expect(resources.filter((r) => r.Type === 'AWS::StepFunctions::StateMachine')).toHaveLength(1);
  });
});

function writeAgent(folder: string, name: string, prompt: string, subagents: readonly string[] = []): void {
  mkdirSync(join(project, folder), { recursive: true });
  const lines = ['---', `name: ${name}`, `description: The ${name} agent.`, 'model: claude-haiku-4-5'];
  if (subagents.length > 0) lines.push(`subagents: [${subagents.join(', ')}]`);
  writeFileSync(join(project, folder, 'agent.md'), [...lines, '---', '', prompt, ''].join('\n'));
}

/** Processes (other than this test's) whose command line names a path under `dir` (Linux /proc). */
function processesUnder(dir: string): string[] {
  if (!existsSync('/proc/self/cmdline')) return [];
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .flatMap((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return cmdline.includes(dir) ? [`${pid} ${cmdline}`] : [];
      } catch {
        return [];
      }
    });
}
