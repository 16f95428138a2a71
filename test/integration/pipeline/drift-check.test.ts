import { join } from 'node:path';
import {
  DeleteHarnessCommand,
  GetAgentRuntimeCommand,
  UpdateAgentRuntimeCommand,
  UpdateHarnessCommand,
  UpdateHarnessEndpointCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentCoreControl } from '../../../functions/lib/clients/agentcore-control.js';
import { validateEventDetail } from '../../../functions/lib/event-schemas.js';
import type { ProjectState } from '../../../functions/lib/store/index.js';
import { itemKeys } from '../../../functions/lib/store/index.js';
import { checkInvariantsAfterEach } from '../../support/check-invariants-after-each.js';
import { holdLock } from '../../support/hold-lock.js';
import { dropFiles, type LocalStack, startLocalStack } from '../../support/local-stack.js';

const single = join(import.meta.dirname, '../../../examples/single');
const team = join(import.meta.dirname, '../../../examples/team');
const Token = 'canary-drift-5e2a';

describe('the scheduled drift check', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.putSecret('DOCS_TOKEN', Token);
    expect((await stack.drop('docs-bot', single)).map((run) => run.status)).toEqual(['SUCCEEDED']);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const state = async (): Promise<ProjectState> => (await stack.store.state.getState('docs-bot'))!;
  const control = async () => agentCoreControl(stack.pipeline.deps, (await state()).region);
  const driftEvents = () => stack.outcomes().filter((event) => event['detail-type'] === 'Drift Detected');

  it('finds no drift right after a deploy, records it and publishes nothing', async () => {
    expect(await stack.pipeline.checkDrift({ action: 'drift' })).toEqual({
      checked: ['docs-bot'],
      drifted: [],
      redeployRequested: [],
    });
    expect(await stack.store.drift.getDrift('docs-bot')).toEqual({
      project: 'docs-bot',
      lastDeployId: (await state()).lastDeployId,
      checkedAt: expect.any(String),
      drifted: false,
      deleted: false,
      fields: [],
    });
    expect(driftEvents()).toEqual([]);
  });

  it('publishes Drift Detected naming the fields changed behind its back, without secret values', async () => {
    const { resource, live } = await state();
    const client = await control();
    await client.send(
      new UpdateHarnessCommand({
        harnessId: resource.id!,
        systemPrompt: [{ text: 'Be terse.' }],
        model: { bedrockModelConfig: { modelId: 'us.amazon.nova-pro-v1:0' } },
      }),
    );
    expect(await stack.pipeline.checkDrift({ action: 'drift' })).toEqual({
      checked: ['docs-bot'],
      drifted: ['docs-bot'],
      redeployRequested: [],
    });
    const [event] = driftEvents();
    expect(validateEventDetail('Drift Detected', event?.detail)).toEqual({ ok: true, errors: [] });
    expect(event?.detail).toMatchObject({
      project: 'docs-bot',
      deleted: false,
      lastDeployId: expect.any(String),
    });
    expect((event!.detail as { fields: { field: string }[] }).fields.map((field) => field.field)).toEqual([
      'model',
      'systemPrompt',
    ]);
    expect((await stack.store.drift.getDrift('docs-bot'))?.fields).toEqual(['model', 'systemPrompt']);
    expect(JSON.stringify(stack.outcomes())).not.toContain(Token);
    expect(live).not.toBeNull();
  });

  it('with onDrift redeploy asks for a forced redeploy, which puts the deployed settings back', async () => {
    const before = driftEvents().length;
    expect(await stack.pipeline.checkDrift({ action: 'drift', onDrift: 'redeploy' })).toMatchObject({
      drifted: ['docs-bot'],
      redeployRequested: ['docs-bot'],
    });
    await stack.triggers.idle();
    expect(driftEvents().length).toBe(before + 1);
    const [receipt] = await stack.store.receipts.listReceipts('docs-bot', { limit: 1 });
    expect([receipt?.trigger.kind, receipt?.outcome]).toEqual(['redeploy', 'succeeded']);
    expect(await stack.pipeline.checkDrift({ action: 'drift', project: 'docs-bot' })).toMatchObject({
      drifted: [],
    });
  });

  it('reports a live endpoint moved behind its back', async () => {
    const { resource, live } = await state();
    // The forced redeploy made a new version: live serves it, not the first one.
    expect(live?.version).not.toBe('1');
    const client = await control();
    await client.send(
      new UpdateHarnessEndpointCommand({ harnessId: resource.id!, endpointName: 'live', targetVersion: '1' }),
    );
    await stack.pipeline.checkDrift({ action: 'drift' });
    expect((await stack.store.drift.getDrift('docs-bot'))?.fields).toEqual(['endpoint.live.version']);
  });

  it('carries a value too long for an event as its size and hash', async () => {
    const client = await control();
    const long = 'x'.repeat(5000);
    await client.send(
      new UpdateHarnessCommand({ harnessId: (await state()).resource.id!, systemPrompt: [{ text: long }] }),
    );
    await stack.pipeline.checkDrift({ action: 'drift' });
    const fields = (driftEvents().at(-1)!.detail as { fields: { field: string; actual: unknown }[] }).fields;
    expect(fields.find((field) => field.field === 'systemPrompt')?.actual).toEqual({
      omitted: true,
      bytes: JSON.stringify([long]).length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('reports a harness deleted behind its back as deleted', async () => {
    const client = await control();
    await client.send(new DeleteHarnessCommand({ harnessId: (await state()).resource.id! }));
    await stack.pipeline.checkDrift({ action: 'drift' });
    const last = driftEvents().at(-1);
    expect(last?.detail).toMatchObject({ project: 'docs-bot', deleted: true, fields: [] });
    expect(validateEventDetail('Drift Detected', last?.detail).ok).toBe(true);
  });

  it('forgets the last check when the project is torn down', async () => {
    expect((await stack.deleteDrop('docs-bot')).map((run) => run.status)).toEqual(['SUCCEEDED']);
    expect(await stack.store.drift.getDrift('docs-bot')).toBeNull();
  });
});

describe('the drift check of a runtime', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack();
    expect((await stack.drop('team', team)).map((run) => run.status)).toEqual(['SUCCEEDED']);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('compares the image digest and description the deploy set', async () => {
    const state = (await stack.store.state.getState('team'))!;
    expect(state.mode).toBe('runtime');
    expect(await stack.pipeline.checkDrift({ action: 'drift', project: 'team' })).toMatchObject({
      drifted: [],
    });
    const control = agentCoreControl(stack.pipeline.deps, state.region);
    const runtime = await control.send(new GetAgentRuntimeCommand({ agentRuntimeId: state.resource.id! }));
    const other = state.image!.replace(/@sha256:[0-9a-f]{64}$/, `@sha256:${'a'.repeat(64)}`);
    await control.send(
      new UpdateAgentRuntimeCommand({
        agentRuntimeId: state.resource.id!,
        agentRuntimeArtifact: { containerConfiguration: { containerUri: other } },
        roleArn: runtime.roleArn!,
        networkConfiguration: runtime.networkConfiguration!,
        description: 'changed by hand',
      }),
    );
    await stack.pipeline.checkDrift({ action: 'drift', project: 'team' });
    const [event] = stack.outcomes().filter((each) => each['detail-type'] === 'Drift Detected');
    expect(validateEventDetail('Drift Detected', event?.detail).ok).toBe(true);
    expect((event!.detail as { fields: unknown[] }).fields).toEqual([
      { field: 'image', expected: state.image, actual: other },
      {
        field: 'description',
        expected: expect.stringMatching(/^agentdrop team: /),
        actual: 'changed by hand',
      },
    ]);
  });

  it('leaves a project whose lock a run holds to the next check', async () => {
    const { documents } = stack.pipeline.deps;
    const tableName = stack.cloud.resources.tableName;
    const leaseExpiresAt = Math.floor(Date.now() / 1000) + 600;
    await holdLock(documents, tableName, {
      project: 'team',
      owner: 'other-run',
      deployId: 'd1',
      leaseExpiresAt,
    });
    try {
      expect(await stack.pipeline.checkDrift({ action: 'drift' })).toEqual({
        checked: [],
        drifted: [],
        redeployRequested: [],
      });
    } finally {
      await documents.send(new DeleteCommand({ TableName: tableName, Key: itemKeys.lock('team') }));
    }
  });
});

describe('the drift check of a project whose manifest says onDrift: redeploy', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.putSecret('DOCS_TOKEN', Token);
    const files = await dropFiles(single);
    const manifest = new TextDecoder().decode(files.get('agentdrop.yaml'));
    files.set('agentdrop.yaml', new TextEncoder().encode(`${manifest}onDrift: redeploy\n`));
    expect((await stack.drop('docs-bot', files)).map((run) => run.status)).toEqual(['SUCCEEDED']);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('asks for a forced redeploy although the stack only reports', async () => {
    const state = (await stack.store.state.getState('docs-bot'))!;
    const control = agentCoreControl(stack.pipeline.deps, state.region);
    await control.send(
      new UpdateHarnessCommand({ harnessId: state.resource.id!, systemPrompt: [{ text: 'Be terse.' }] }),
    );
    expect(await stack.pipeline.checkDrift({ action: 'drift', onDrift: 'report' })).toEqual({
      checked: ['docs-bot'],
      drifted: ['docs-bot'],
      redeployRequested: ['docs-bot'],
    });
    await stack.triggers.idle();
    const [receipt] = await stack.store.receipts.listReceipts('docs-bot', { limit: 1 });
    expect([receipt?.trigger.kind, receipt?.outcome]).toEqual(['redeploy', 'succeeded']);
  });
});
