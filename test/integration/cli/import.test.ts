import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BedrockAgentCoreControlClient,
  CreateHarnessCommand,
  GetHarnessCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../local/cloud/client-config.js';
import { type LocalServer, startLocalServer } from '../../../local/server/index.js';
import { RepoRoot, runCli } from '../../support/run-cli.js';

/** The value of every secret in this test: no written file may hold it. */
const Canary = 'canary-import-7f3a9c2e51d4b8a6';

describe('agentdrop import on the local cloud', () => {
  let scratch = '';
  let server: LocalServer | undefined;
  let control: BedrockAgentCoreControlClient;
  let s3: S3Client;
  const cli = (argv: string[], env: Record<string, string> = {}) =>
    runCli(argv, scratch, { AGENTDROP_LOCAL_DIR: join(scratch, '.local-cloud'), ...env });
  const status = async (project: string) =>
    JSON.parse((await cli(['status', project, '--json'])).stdout).state;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'agentdrop-import-'));
    // A running local cloud the commands attach to, so the test can also create a harness agentdrop did not.
    server = await startLocalServer({ cloud: { dataDir: join(scratch, '.local-cloud') } });
    const { endpoints, region, credentials } = server.endpoints;
    control = new BedrockAgentCoreControlClient({ endpoint: endpoints.agentcore, region, credentials });
    s3 = new S3Client({ ...localClientConfig(endpoints.s3 ?? '', region, true), credentials });
    await cp(join(RepoRoot, 'examples/single'), join(scratch, 'support'), { recursive: true });
    await cp(join(RepoRoot, 'examples/team'), join(scratch, 'review'), { recursive: true });
    expect((await cli(['init', 'demo'])).code).toBe(0);
    for (const project of ['support', 'review', 'demo']) {
      expect((await cli(['push', project], { DOCS_TOKEN: Canary })).code).toBe(0);
    }
  });
  afterAll(async () => {
    control?.destroy();
    s3?.destroy();
    await server?.stop();
    await rm(scratch, { recursive: true, force: true });
  });

  describe.each([
    ['support', 'examples/single', 'harness'],
    ['review', 'examples/team', 'runtime'],
    ['demo', 'a folder made by init', 'harness'],
  ])('of project %s (%s)', (project, _what, mode) => {
    it('writes a folder whose plan has the deployed specHash', async () => {
      const run = await cli(['import', project, `${project}-copy`, '--json']);
      const result = JSON.parse(run.stdout);
      const { specHash } = await status(project);
      expect([run.code, result.source.mode, result.source.specHash, result.roundTrip]).toEqual([
        0,
        mode,
        specHash,
        { project, deployable: true, specHash, same: true },
      ]);
      expect(result.notes).toEqual([]);
      // agentdrop.yaml names the project: the folder plans under it whatever it is called.
      const plan = await cli(['plan', `${project}-copy`, '--json']);
      expect([plan.code, JSON.parse(plan.stdout).project, JSON.parse(plan.stdout).specHash]).toEqual([
        0,
        project,
        specHash,
      ]);
      const renamed = await cli(['plan', `${project}-copy`, '--project', 'elsewhere', '--json']);
      expect(JSON.parse(renamed.stdout).diagnostics.map((d: { code: string }) => d.code)).toContain(
        'project.name_mismatch',
      );
    });
  });

  it('writes into the project-named folder by default, which plans without --project', async () => {
    await rm(join(scratch, 'demo'), { recursive: true });
    const run = await cli(['import', 'demo']);
    expect([run.code, run.stdout]).toEqual([
      0,
      expect.stringMatching(
        /^Round trip: agentdrop plan demo gives spec hash [0-9a-f]{12}, the deployed one\.$/m,
      ),
    ]);
    const plan = JSON.parse((await cli(['plan', 'demo', '--json'])).stdout);
    expect(plan.specHash).toBe((await status('demo')).specHash);
  });

  it('imports a harness agentdrop deployed by its ARN, with the header templates of its plan', async () => {
    const { arn } = (await status('support')).resource;
    const run = await cli(['import', arn, 'from-arn', '--json']);
    const result = JSON.parse(run.stdout);
    expect([run.code, result.source.kind, result.source.project, result.roundTrip.same]).toEqual([
      0,
      'harness',
      'support',
      true,
    ]);
    expect(
      JSON.parse(await readFile(join(scratch, 'from-arn', 'mcp.json'), 'utf8')).mcpServers.docs.headers,
    ).toEqual({
      Authorization: 'Bearer ${DOCS_TOKEN}',
    });
  });

  it('imports a harness made without agentdrop from what GetHarness returns, and names what it left out', async () => {
    const { resources } = server!.endpoints;
    const demo = await control.send(new GetHarnessCommand({ harnessId: (await status('demo')).resource.id }));
    await s3.send(
      new PutObjectCommand({
        Bucket: resources.artifactsBucket,
        Key: 'hand-made/skills/haiku/SKILL.md',
        Body: '---\nname: haiku\ndescription: Answer in a haiku.\n---\nAnswer in 5-7-5 syllables.\n',
      }),
    );
    const { harness } = await control.send(
      new CreateHarnessCommand({
        harnessName: 'hand_made',
        executionRoleArn: demo.harness!.executionRoleArn!,
        model: {
          bedrockModelConfig: { modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', temperature: 0.2 },
        },
        systemPrompt: [{ text: 'You answer in haiku.' }],
        tools: [
          {
            type: 'remote_mcp',
            name: 'weather',
            config: {
              remoteMcp: {
                url: `https://weather.example.com/mcp?api_key=${Canary}`,
                headers: { 'X-Api-Key': Canary },
              },
            },
          },
          { type: 'agentcore_browser', name: 'browser', config: { agentCoreBrowser: {} } },
        ],
        skills: [{ s3: { uri: `s3://${resources.artifactsBucket}/hand-made/skills/haiku/` } }],
        memory: { disabled: {} },
        maxIterations: 5,
      }),
    );
    const run = await cli(['import', harness!.arn!, 'hand-made', '--json']);
    const result = JSON.parse(run.stdout);
    expect([run.code, result.source.project, result.source.specHash, result.roundTrip.deployable]).toEqual([
      0,
      'hand-made',
      null,
      true,
    ]);
    expect(result.notes.map((note: { code: string; where: string }) => `${note.code} ${note.where}`)).toEqual(
      [
        'import.not_agentdrop harness',
        'import.setting_unsupported harness',
        'import.setting_unsupported harness',
        'import.setting_unsupported harness',
        'import.secret_templated mcp:hand_made/weather',
      ],
    );
    expect(result.files).toEqual(['agent.md', 'agentdrop.yaml', 'mcp.json', 'skills/haiku/SKILL.md']);
    expect(JSON.parse(await readFile(join(scratch, 'hand-made', 'mcp.json'), 'utf8'))).toEqual({
      mcpServers: {
        weather: { url: 'https://weather.example.com/mcp', headers: { 'X-Api-Key': '${WEATHER_X_API_KEY}' } },
      },
    });
    expect(run.stdout).not.toContain(Canary);
  });

  it('refuses a non-empty folder without --force, and writes into it with --force', async () => {
    const run = await cli(['import', 'support', 'support', '--json']);
    expect([run.code, JSON.parse(run.stdout).error]).toEqual([
      1,
      expect.objectContaining({
        name: 'FolderNotEmpty',
        context: { dir: join(scratch, 'support'), entries: 5 },
      }),
    ]);
    const forced = await cli(['import', 'support', 'support', '--force', '--json']);
    expect([forced.code, JSON.parse(forced.stdout).roundTrip.same]).toEqual([0, true]);
  });

  it('refuses a project whose deploys all failed: there is no deployed agent to import', async () => {
    // A region AgentCore does not serve: the uploaded drop fails at Plan, leaving a receipt and no STATE.
    await mkdir(join(scratch, 'never'));
    await writeFile(join(scratch, 'never', 'agent.md'), 'Hi.\n');
    await writeFile(join(scratch, 'never', 'agentdrop.yaml'), 'region: xx-nowhere-1\n');
    const push = await cli(['push', 'never', '--force-upload']);
    expect([push.code, push.stdout]).toEqual([1, expect.stringMatching(/^Failed {2}/m)]);
    const run = await cli(['import', 'never', 'never-copy', '--json']);
    expect([run.code, JSON.parse(run.stdout).error.name]).toEqual([1, 'ProjectNotDeployed']);
  });

  it('refuses an unknown project and an invalid name, as other commands do', async () => {
    const unknown = await cli(['import', 'nobody']);
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringMatching(/^ProjectNotFound: /m)]);
    const runtime = await cli([
      'import',
      'arn:aws:bedrock-agentcore:us-west-2:000000000000:runtime/x-abcdefghij',
    ]);
    expect([runtime.code, runtime.stderr]).toEqual([
      2,
      expect.stringMatching(/^usage: not a project name or a harness ARN: /m),
    ]);
    const invalid = await cli(['import', 'Demo!']);
    expect([invalid.code, invalid.stderr]).toEqual([
      1,
      expect.stringMatching(/^project.invalid_name: .*did you mean demo\?/m),
    ]);
  });

  it('writes no secret value anywhere: a scan that finds a planted canary finds none in the imported folders', async () => {
    const probe = join(scratch, 'probe');
    await mkdir(probe);
    await writeFile(join(probe, 'planted.txt'), `token=${Canary}\n`);
    const folders = ['support-copy', 'review-copy', 'demo-copy', 'demo', 'from-arn', 'hand-made', 'support'];
    expect(await filesContaining(scratch, ['probe', ...folders], Canary)).toEqual(['probe/planted.txt']);
  });
});

/** The files below `root`'s `dirs` whose bytes contain `needle`, as paths relative to `root`. */
async function filesContaining(root: string, dirs: readonly string[], needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const dir of dirs) {
    const entries = await readdir(join(root, dir), { recursive: true, withFileTypes: true });
    for (const entry of entries.filter((each) => each.isFile())) {
      const path = join(entry.parentPath, entry.name);
      if ((await readFile(path)).includes(needle)) found.push(path.slice(root.length + 1));
    }
  }
  return found.sort();
}
