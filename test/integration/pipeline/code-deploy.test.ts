import { join } from 'node:path';
import {
  BedrockAgentCoreControlClient,
  CreateAgentRuntimeCommand,
  GetAgentRuntimeCommand,
  ListAgentRuntimesCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipFiles } from '../../../core/bundle/index.js';
import { validateEventDetail } from '../../../functions/lib/event-schemas.js';
import type { CfnTemplate } from '../../../local/iam/index.js';
import { LocalStack as LocalStackNames } from '../../../local/pipeline/index.js';
import { synthStack } from '../../infra/synth-stack.js';
import { checkInvariantsAfterEach } from '../../support/check-invariants-after-each.js';
import { dropFiles, type LocalStack, startLocalStack } from '../../support/local-stack.js';
import { withoutGrant } from '../../support/without-grant.js';

const team = join(import.meta.dirname, '../../../examples/team');

interface SucceededData {
  readonly artifact: string | null;
  readonly codePackage: { key: string; versionId: string | null } | null;
  readonly imageDigest: string | null;
  readonly decision: string;
  readonly cells: { cell: string; state: string; evidence: string | null }[];
}
const dataOf = (detail: unknown) => (detail as { data: SucceededData }).data;

/** examples/team, shipped as `artifact` (its manifest kept, `runtime.artifact` added). */
async function teamAs(artifact: 'code' | 'container'): Promise<Map<string, Uint8Array>> {
  const files = await dropFiles(team);
  const manifest = new TextDecoder().decode(files.get('agentdrop.yaml'));
  files.set('agentdrop.yaml', new TextEncoder().encode(`${manifest}runtime:\n  artifact: ${artifact}\n`));
  return files;
}

let template: CfnTemplate;
beforeAll(async () => {
  // The stack as the local pipeline is configured (`agentdrop-local`): its tag conditions name that stack.
  const { template: synthesized } = await synthStack({}, { stackName: LocalStackNames.stackName });
  template = synthesized.toJSON() as CfnTemplate;
}, 60_000);

describe('the pipeline on the local cloud, a runtime shipped as code', () => {
  let stack: LocalStack;
  let control: BedrockAgentCoreControlClient;
  // Every run of every test holds the run invariants (docs/state-machine.md §8).
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack({ iam: { template } });
    control = new BedrockAgentCoreControlClient(stack.cloud.clientConfig('agentcore-control'));
  });
  afterAll(() => stack.stop());

  const artifactOf = async (id: string) =>
    (await control.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }))).agentRuntimeArtifact;
  const runtimes = async () => (await control.send(new ListAgentRuntimesCommand({}))).agentRuntimes ?? [];
  const builds = () => stack.cloud.calls.calls().filter((call) => call.operation === 'StartBuild').length;

  it('deploys examples/team without an image build and proves nested delegation from the code package', async () => {
    const [run] = await stack.drop('team', await teamAs('code'));
    expect(run!.status).toBe('SUCCEEDED');
    expect(builds()).toBe(0);
    const started = run!.events.find((event) => event.detailType === 'Deploy Started')!;
    expect((started.detail as { data: { artifact: string } }).data.artifact).toBe('code');
    const succeeded = run!.events.find((event) => event.detailType === 'Deploy Succeeded')!;
    expect(validateEventDetail('Deploy Succeeded', succeeded.detail)).toEqual({ ok: true, errors: [] });
    const data = dataOf(succeeded.detail);
    const state = (await stack.store.state.getState('team'))!;
    expect(data).toMatchObject({
      artifact: 'code',
      imageDigest: null,
      codePackage: { key: `code/team/${state.specHash}.zip`, versionId: expect.any(String) },
    });
    const cells = Object.fromEntries(data.cells.map((cell) => [cell.cell, cell.state]));
    expect(cells).toMatchObject({
      create: 'EXERCISED',
      agent: 'EXERCISED',
      'subagent:researcher': 'EXERCISED',
      'subagent:writer': 'EXERCISED',
      skills: 'EXERCISED',
    });
    // The skill was loaded one level down, by a subagent: the trace is nested.
    expect(data.cells.find((cell) => cell.cell === 'skills')?.evidence).toMatch(/\(depth 1, ok\)/);
    expect(await artifactOf(state.resource.id!)).toEqual({
      codeConfiguration: {
        code: { s3: { bucket: stack.cloud.resources.artifactsBucket, ...s3Of(data) } },
        runtime: 'NODE_22',
        entryPoint: ['agent.mjs'],
      },
    });
    expect(state.image).toBeNull();
    const [receipt] = await stack.store.receipts.listReceipts('team', { limit: 1 });
    expect(receipt?.artifact).toBe('code');
    const { key, versionId } = data.codePackage!;
    expect(state.codePackage).toBe(
      `s3://${stack.cloud.resources.artifactsBucket}/${key}?versionId=${encodeURIComponent(versionId!)}`,
    );
    // The drift check compares the package the runtime runs with the one STATE recorded: the same.
    expect(await stack.pipeline.checkDrift({ action: 'drift', project: 'team' })).toMatchObject({
      drifted: [],
    });
  });

  it('skips the same drop without an AgentCore write', async () => {
    const writes = () =>
      stack.cloud.agentcore.calls().filter((call) => /^(Create|Update)/.test(call.operation)).length;
    const before = writes();
    const [run] = await stack.drop('team', await teamAs('code'));
    expect(run!.events.map((event) => event.detailType)).toEqual(['Deploy Skipped']);
    expect(writes()).toBe(before);
  });

  it('switches to a container and back by updating the one runtime, pinning the code package stored before', async () => {
    const { resource, codePackage: firstPackage } = (await stack.store.state.getState('team'))!;
    const id = resource.id!;
    expect(firstPackage).toMatch(/\?versionId=/);
    const [toContainer] = await stack.drop('team', await teamAs('container'));
    expect(toContainer!.status).toBe('SUCCEEDED');
    const container = dataOf(toContainer!.events.find((e) => e.detailType === 'Deploy Succeeded')!.detail);
    expect([container.decision, container.artifact, container.codePackage]).toEqual([
      'update',
      'container',
      null,
    ]);
    expect(builds()).toBe(1);
    expect(Object.keys((await artifactOf(id)) ?? {})).toEqual(['containerConfiguration']);
    expect((await stack.store.state.getState('team'))?.codePackage).toBeUndefined();

    const [toCode] = await stack.drop('team', await teamAs('code'));
    expect(toCode!.status).toBe('SUCCEEDED');
    const code = dataOf(toCode!.events.find((e) => e.detailType === 'Deploy Succeeded')!.detail);
    expect([code.decision, code.artifact]).toEqual(['update', 'code']);
    expect(code.cells.find((cell) => cell.cell === 'subagent:writer')?.state).toBe('EXERCISED');
    expect(Object.keys((await artifactOf(id)) ?? {})).toEqual(['codeConfiguration']);
    expect(builds()).toBe(1);
    expect((await runtimes()).map((runtime) => runtime.agentRuntimeId)).toEqual([id]);
    // The same spec's package is in S3 already: pinned at the version written first, not written again.
    expect((await stack.store.state.getState('team'))?.codePackage).toBe(firstPackage);
  });
});

describe('the AgentCore emulator and code packages', () => {
  let stack: LocalStack;
  let control: BedrockAgentCoreControlClient;
  beforeAll(async () => {
    stack = await startLocalStack();
    control = new BedrockAgentCoreControlClient(stack.cloud.clientConfig('agentcore-control'));
  });
  afterAll(() => stack.stop());

  const create = (name: string, prefix: string, runtime: 'NODE_22' | 'PYTHON_3_13' = 'NODE_22') =>
    control.send(
      new CreateAgentRuntimeCommand({
        agentRuntimeName: name,
        roleArn: LocalStackNames.runtimeRoleArn,
        networkConfiguration: { networkMode: 'PUBLIC' },
        agentRuntimeArtifact: {
          codeConfiguration: {
            code: { s3: { bucket: stack.cloud.resources.artifactsBucket, prefix } },
            runtime,
            entryPoint: ['agent.mjs'],
          },
        },
      }),
    );

  it('refuses a package that is not in S3 with ValidationException, creating nothing', async () => {
    await expect(create('missing_package', 'code/none/absent.zip')).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('could not be read'),
    });
    expect((await control.send(new ListAgentRuntimesCommand({}))).agentRuntimes ?? []).toEqual([]);
  });

  it('refuses an S3 object that is not a zip with ValidationException naming it, creating nothing', async () => {
    const key = 'code/manual/not-a-zip.zip';
    await stack.s3.send(
      new PutObjectCommand({
        Bucket: stack.cloud.resources.artifactsBucket,
        Key: key,
        Body: new TextEncoder().encode('export const handler = () => "not zipped";\n'),
      }),
    );
    await expect(create('unzipped_package', key)).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining(
        `The code package s3://${stack.cloud.resources.artifactsBucket}/${key} is not a usable zip`,
      ),
    });
    const { agentRuntimes = [] } = await control.send(new ListAgentRuntimesCommand({}));
    expect(agentRuntimes.map((runtime) => runtime.agentRuntimeName)).not.toContain('unzipped_package');
  });

  it('unpacks one package for two creates at once, neither failing (each unpacks into a folder of its own)', async () => {
    const key = 'code/manual/twins.zip';
    await stack.s3.send(
      new PutObjectCommand({
        Bucket: stack.cloud.resources.artifactsBucket,
        Key: key,
        Body: zipFiles(new Map([['agent.mjs', new TextEncoder().encode('console.log("twin");\n')]])),
      }),
    );
    // No SDK retry: a second unpack clobbering the first would surface as a 500 here, not be retried away.
    const once = new BedrockAgentCoreControlClient({
      ...stack.cloud.clientConfig('agentcore-control'),
      maxAttempts: 1,
    });
    try {
      const created = await Promise.all(
        ['twin_a', 'twin_b'].map((agentRuntimeName) =>
          once.send(
            new CreateAgentRuntimeCommand({
              agentRuntimeName,
              roleArn: LocalStackNames.runtimeRoleArn,
              networkConfiguration: { networkMode: 'PUBLIC' },
              agentRuntimeArtifact: {
                codeConfiguration: {
                  code: { s3: { bucket: stack.cloud.resources.artifactsBucket, prefix: key } },
                  runtime: 'NODE_22',
                  entryPoint: ['agent.mjs'],
                },
              },
            }),
          ),
        ),
      );
      expect(created.map((runtime) => runtime.status)).toEqual(['CREATING', 'CREATING']);
    } finally {
      once.destroy();
    }
  });

  it('ends CREATE_FAILED for a runtime the local cloud cannot run, or a package without its entry point', async () => {
    const key = 'code/manual/notes-only.zip';
    await stack.s3.send(
      new PutObjectCommand({
        Bucket: stack.cloud.resources.artifactsBucket,
        Key: key,
        Body: zipFiles(new Map([['NOTES.md', new TextEncoder().encode('no agent here\n')]])),
      }),
    );
    const python = await create('python_package', key, 'PYTHON_3_13');
    const noEntry = await create('no_entry_package', key);
    const reasons = await Promise.all(
      [python, noEntry].map(async (created) => {
        const got = await control.send(
          new GetAgentRuntimeCommand({ agentRuntimeId: created.agentRuntimeId }),
        );
        return [got.status, got.failureReason];
      }),
    );
    expect(reasons).toEqual([
      ['CREATE_FAILED', 'The local cloud runs NODE_22 code packages only, not PYTHON_3_13.'],
      [
        'CREATE_FAILED',
        expect.stringMatching(/^The entry point agent\.mjs is not in the code package s3:\/\//),
      ],
    ]);
  });
});

describe('the pipeline when the runtime function may not read code packages', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack({
      iam: { template: withoutGrant(template, 'RuntimeFunction', 's3:GetObject', '/code/') },
    });
  });
  afterAll(() => stack.stop());

  it('fails the create as AgentCore does, naming the S3 read', async () => {
    const [run] = await stack.drop('team', await teamAs('code'));
    expect(run!.status).toBe('FAILED');
    const failed = run!.events.find((event) => event.detailType === 'Deploy Failed')!;
    const data = (failed.detail as { data: { errorCode: string; message: string; failedState: string } })
      .data;
    expect([data.errorCode, data.failedState]).toEqual(['aws.access_denied', 'CreateOrUpdateRuntime']);
    expect(data.message).toMatch(
      /is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::.*\/code\/team\//,
    );
    const denied = stack.cloud.agentcore.calls().filter((call) => call.errorType === 'AccessDeniedException');
    expect(denied.map((call) => call.operation)).toEqual(['CreateAgentRuntime']);
  });
});

function s3Of(data: SucceededData): { prefix: string; versionId?: string } {
  const { key, versionId } = data.codePackage!;
  return { prefix: key, ...(versionId ? { versionId } : {}) };
}
