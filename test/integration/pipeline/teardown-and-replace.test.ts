import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentCoreControl } from '../../../functions/lib/clients/agentcore-control.js';
import { checkInvariantsAfterEach } from '../../support/check-invariants-after-each.js';
import { dropFiles, type LocalStack, startLocalStack } from '../../support/local-stack.js';

const single = join(import.meta.dirname, '../../../examples/single');
// Races (concurrent, queued, out-of-order and repeated triggers) live in test/reliability/races.test.ts.
describe('the pipeline on the local cloud, when a drop is deleted', () => {
  let stack: LocalStack;
  // Every run of every test holds the run invariants (docs/state-machine.md §8).
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-5c8b');
  });
  afterAll(() => stack.stop());

  it('tears down the harness, clears STATE and publishes Agent Destroyed when the drop is deleted', async () => {
    await stack.drop('doomed', single);
    const state = (await stack.store.state.getState('doomed'))!;
    const [run] = await stack.deleteDrop('doomed');
    expect(run!.status).toBe('SUCCEEDED');
    expect(run!.events.map((event) => event.detailType)).toContain('Agent Destroyed');
    expect(await stack.store.state.getState('doomed')).toBeNull();
    const { GetHarnessCommand } = await import('@aws-sdk/client-bedrock-agentcore-control');
    await expect(
      agentCoreControl(stack.pipeline.deps).send(new GetHarnessCommand({ harnessId: state.resource.id! })),
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
      agentCoreControl(stack.pipeline.deps).send(new GetHarnessCommand({ harnessId: harness.resource.id! })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
