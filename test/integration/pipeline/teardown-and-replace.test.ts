import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipFiles } from '../../../core/bundle/index.js';
import { planDeploy } from '../../../core/plan/index.js';
import { dropFiles, type LocalStack, startLocalStack } from '../../support/local-stack.js';

const single = join(import.meta.dirname, '../../../examples/single');
const types = (stack: LocalStack, project: string) =>
  stack
    .outcomes()
    .filter(
      (event) =>
        (event.detail as { metadata?: { project?: string }; project?: string }).metadata?.project ===
          project || (event.detail as { project?: string }).project === project,
    )
    .map((event) => event['detail-type']);

describe('the pipeline on the local cloud, with concurrent and repeated triggers', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-5c8b');
  });
  afterAll(() => stack.stop());

  it('deploys one of two racing drops, queues the other and redeploys it: the newer drop wins', async () => {
    const first = await dropFiles(single);
    const second = await dropFiles(single);
    const agent = new TextDecoder().decode(second.get('agent.md'));
    second.set(
      'agent.md',
      new TextEncoder().encode(agent.replace('first-line helpdesk', 'second-line helpdesk')),
    );
    // Keep the first run holding the lock while the second drop arrives.
    stack.cloud.faults('agentcore').set('CreateHarness', { kind: 'slow_ready', delayMs: 300 });
    const put = (files: Map<string, Uint8Array>) =>
      stack.s3.send(
        new PutObjectCommand({
          Bucket: stack.cloud.resources.dropBucket,
          Key: 'drops/race.zip',
          Body: zipFiles(files),
        }),
      );
    await put(first);
    while ((await stack.store.locks.getLock('race')) === null)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await put(second);
    await stack.triggers.idle();

    expect(types(stack, 'race')).toEqual([
      'Deploy Started',
      'Deploy Queued',
      'Deploy Succeeded',
      'Redeploy Requested',
      'Deploy Started',
      'Deploy Succeeded',
    ]);
    const state = (await stack.store.state.getState('race'))!;
    const expected = planDeploy({ files: second }, { project: 'race' });
    expect(state.specHash).toBe(expected.specHash);
    expect((await stack.store.receipts.listReceipts('race')).map((r) => [r.outcome, r.decision])).toEqual([
      ['succeeded', 'update'],
      ['queued', 'update'],
      ['succeeded', 'create'],
    ]);
    expect(await stack.store.locks.getLock('race')).toBeNull();
  });

  it('deploys once for ten copies of one S3 event', async () => {
    await stack.drop('tenfold', single);
    const created = stack.cloud.events
      .events('default')
      .filter((event) => (event.detail as { object?: { key?: string } }).object?.key === 'drops/tenfold.zip')
      .at(-1)!;
    const before = stack.triggers.runs().length;
    for (let i = 0; i < 10; i++) stack.cloud.events.publish('default', created);
    await stack.triggers.idle();
    const results = await Promise.all(
      stack.triggers
        .runs()
        .slice(before)
        .map((run) => run.result),
    );
    expect(results).toHaveLength(10);
    const skipped = results
      .flatMap((run) => run.events)
      .filter((event) => event.detailType === 'Deploy Skipped');
    expect(skipped).toHaveLength(10);
    expect(
      skipped.every((event) => (event.detail as { data: { reason: string } }).data.reason === 'duplicate'),
    ).toBe(true);
  });

  it('tears down the harness, clears STATE and publishes Agent Destroyed when the drop is deleted', async () => {
    const state = (await stack.store.state.getState('tenfold'))!;
    const [run] = await stack.deleteDrop('tenfold');
    expect(run!.status).toBe('SUCCEEDED');
    expect(run!.events.map((event) => event.detailType)).toContain('Agent Destroyed');
    expect(await stack.store.state.getState('tenfold')).toBeNull();
    const { GetHarnessCommand } = await import('@aws-sdk/client-bedrock-agentcore-control');
    await expect(
      stack.pipeline.deps.clients.agentCoreControl.send(
        new GetHarnessCommand({ harnessId: state.resource.id! }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('the pipeline on the local cloud, when the mode changes', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-0e7d');
  });
  afterAll(() => stack.stop());

  it('replaces the harness with a runtime: the new one is created and smoke-tested, then the old one deleted', async () => {
    await stack.drop('switch', single);
    const harness = (await stack.store.state.getState('switch'))!;
    const files = await dropFiles(single);
    files.set('agentdrop.yaml', new TextEncoder().encode('mode: runtime\n'));
    const [run] = await stack.drop('switch', files);
    expect(run!.status).toBe('SUCCEEDED');
    const runtime = (await stack.store.state.getState('switch'))!;
    expect([harness.mode, runtime.mode]).toEqual(['harness', 'runtime']);
    expect((await stack.store.receipts.listReceipts('switch'))[0]!.decision).toBe('replace');
    const { GetHarnessCommand } = await import('@aws-sdk/client-bedrock-agentcore-control');
    await expect(
      stack.pipeline.deps.clients.agentCoreControl.send(
        new GetHarnessCommand({ harnessId: harness.resource.id! }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
