import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentCoreControl } from '../../../functions/lib/clients/agentcore-control.js';
import { validateEventDetail } from '../../../functions/lib/event-schemas.js';
import { checkInvariantsAfterEach } from '../../support/check-invariants-after-each.js';
import { dropFiles, type LocalStack, startLocalStack } from '../../support/local-stack.js';

const single = join(import.meta.dirname, '../../../examples/single');
const failedData = (detail: unknown) =>
  (
    detail as {
      data: { errorCode: string; message: string; failedState: string | null; diagnostics: unknown[] };
    }
  ).data;

describe('the pipeline on the local cloud, when things go wrong', () => {
  let stack: LocalStack;
  // Every run of every test holds the run invariants (docs/state-machine.md §8).
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-1d4e');
  });
  afterAll(() => stack.stop());

  it('fails an invalid drop with its diagnostics and zero AgentCore calls', async () => {
    const files = new Map([['agent.md', new TextEncoder().encode('---\ntools: Read, Grep\n---\nHi\n')]]);
    const callsBefore = stack.cloud.agentcore.calls().length;
    const [run] = await stack.drop('broken', files);
    expect(run!.status).toBe('FAILED');
    const failed = run!.events.find((event) => event.detailType === 'Deploy Failed')!;
    expect(validateEventDetail('Deploy Failed', failed.detail).ok).toBe(true);
    expect(failedData(failed.detail)).toMatchObject({ errorCode: 'frontmatter.type', failedState: 'Plan' });
    expect(failedData(failed.detail).diagnostics).toHaveLength(1);
    expect(stack.cloud.agentcore.calls().slice(callsBefore)).toEqual([]);
    expect(await stack.store.locks.getLock('broken')).toBeNull();
  });

  it('fails a drop whose secret is missing before touching anything', async () => {
    const files = await dropFiles(single);
    files.set(
      'mcp.json',
      new TextEncoder().encode(
        '{"mcpServers":{"docs":{"url":"https://docs.example.com/mcp","headers":{"X-Api-Key":"${MISSING_KEY}"}}}}',
      ),
    );
    const callsBefore = stack.cloud.agentcore.calls().length;
    const [run] = await stack.drop('nosecret', files);
    const failed = run!.events.find((event) => event.detailType === 'Deploy Failed')!;
    expect(failedData(failed.detail).errorCode).toBe('secret.missing');
    expect(failedData(failed.detail).message).toContain('agentdrop secrets set MISSING_KEY');
    expect(stack.cloud.agentcore.calls().slice(callsBefore)).toEqual([]);
  });

  it.each([
    ['a region the stack does not deploy to', 'region: eu-central-1\n', '', 'region.not_allowed'],
    [
      'a model its region cannot call',
      '',
      'model: eu.anthropic.claude-sonnet-4-5-20250929-v1:0\n',
      'model.unavailable_in_region',
    ],
  ])(
    'fails a drop naming %s in preflight, with zero calls to AgentCore or Secrets Manager',
    async (_what, manifest, frontmatter, code) => {
      const files = new Map([
        ['agent.md', new TextEncoder().encode(`---\n${frontmatter}---\nYou answer questions.\n`)],
        ['agentdrop.yaml', new TextEncoder().encode(manifest)],
      ]);
      const mark = stack.cloud.calls.mark();
      const [run] = await stack.drop('preflight', files);
      const failed = run!.events.find((event) => event.detailType === 'Deploy Failed')!;
      expect(failedData(failed.detail)).toMatchObject({ errorCode: code, failedState: 'Plan' });
      const touched = stack.cloud.calls
        .calls(mark)
        .filter((call) => ['agentcore', 'secretsmanager'].includes(call.service));
      expect(touched).toEqual([]);
      expect(stack.cloud.calls.calls(mark).length).toBeGreaterThan(0);
    },
  );

  it('fails with the failureReason and releases the lock when creation fails; the next drop succeeds', async () => {
    stack.cloud.faults('agentcore').set('CreateHarness', {
      kind: 'create_failed',
      reason: 'Injected: the execution role cannot be assumed.',
    });
    const [failedRun] = await stack.drop('flaky', single);
    expect(failedRun!.status).toBe('FAILED');
    const failed = failedRun!.events.find((event) => event.detailType === 'Deploy Failed')!;
    expect(failedData(failed.detail).errorCode).toBe('ResourceFailed');
    expect(failedData(failed.detail).message).toContain('Injected: the execution role cannot be assumed.');
    expect(await stack.store.locks.getLock('flaky')).toBeNull();
    const receipt = (await stack.store.receipts.listReceipts('flaky'))[0]!;
    expect([receipt.outcome, receipt.error?.code]).toEqual(['failed', 'ResourceFailed']);

    const [retry] = await stack.drop('flaky', single);
    expect(retry!.status).toBe('SUCCEEDED');
  });

  it('retries throttled AgentCore calls and succeeds', async () => {
    stack.cloud.faults('agentcore').set('CreateHarness', { kind: 'throttle', count: 4 });
    const [run] = await stack.drop('throttled', single);
    expect(run!.status).toBe('SUCCEEDED');
    const throttled = stack.cloud.agentcore
      .calls()
      .filter((call) => call.operation === 'CreateHarness' && call.status === 429);
    expect(throttled.length).toBe(4);
  });

  it('fails the deploy with SmokeTestFailed when the reply misses smoke.expect', async () => {
    const files = await dropFiles(single);
    files.set(
      'agentdrop.yaml',
      new TextEncoder().encode('smoke:\n  prompt: "Hello?"\n  expect: "^Bonjour"\n'),
    );
    const [run] = await stack.drop('picky', files);
    expect(run!.status).toBe('FAILED');
    const failed = run!.events.find((event) => event.detailType === 'Deploy Failed')!;
    expect(failedData(failed.detail)).toMatchObject({
      errorCode: 'SmokeTestFailed',
      failedState: 'SmokeTest',
    });
    expect(failedData(failed.detail).message).toContain('^Bonjour');
    expect(await stack.store.locks.getLock('picky')).toBeNull();
  });

  it('recreates a harness deleted behind its back', async () => {
    const state = (await stack.store.state.getState('throttled'))!;
    const { DeleteHarnessCommand } = await import('@aws-sdk/client-bedrock-agentcore-control');
    await agentCoreControl(stack.pipeline.deps).send(
      new DeleteHarnessCommand({ harnessId: state.resource.id! }),
    );
    const files = await dropFiles(single);
    files.set('agentdrop.yaml', new TextEncoder().encode('force: true\n'));
    const [run] = await stack.drop('throttled', files);
    expect(run!.status).toBe('SUCCEEDED');
    const after = (await stack.store.state.getState('throttled'))!;
    expect(after.resource.id).not.toBe(state.resource.id);
    const receipt = (await stack.store.receipts.listReceipts('throttled'))[0]!;
    expect(receipt.decision).toBe('recreate');
  });
});

describe('the pipeline on the local cloud, when a harness with the name already exists', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-aa01');
  });
  afterAll(() => stack.stop());

  const createHarness = async (tags: Record<string, string>) => {
    const { CreateHarnessCommand } = await import('@aws-sdk/client-bedrock-agentcore-control');
    const { harness } = await agentCoreControl(stack.pipeline.deps).send(
      new CreateHarnessCommand({
        harnessName: 'agentdrop_single_helpdesk',
        executionRoleArn: 'arn:aws:iam::000000000000:role/someone',
        tags,
      }),
    );
    return harness!;
  };

  it('adopts our own harness (STATE lost) and updates it instead of creating a duplicate', async () => {
    const existing = await createHarness({
      'agentdrop:stack': 'agentdrop-local',
      'agentdrop:project': 'single',
    });
    const [run] = await stack.drop('single', single);
    expect(run!.status).toBe('SUCCEEDED');
    const state = (await stack.store.state.getState('single'))!;
    expect(state.resource.id).toBe(existing.harnessId);
    expect((await stack.store.receipts.listReceipts('single'))[0]!.decision).toBe('update');
  });

  it('refuses a harness with our name owned by someone else as name.collision, naming its owner, touching nothing', async () => {
    const { DeleteHarnessCommand } = await import('@aws-sdk/client-bedrock-agentcore-control');
    await stack.deleteDrop('single');
    // Another agentdrop stack's project of the same name: the same harness name, not ours.
    const foreign = await createHarness({ 'agentdrop:stack': 'another-team', 'agentdrop:project': 'single' });
    const writes = stack.cloud.agentcore
      .calls()
      .filter((call) => /^(Create|Update)Harness/.test(call.operation)).length;
    const [run] = await stack.drop('single', single);
    const failed = run!.events.find((event) => event.detailType === 'Deploy Failed')!;
    expect(failedData(failed.detail).errorCode).toBe('name.collision');
    expect(failedData(failed.detail).message).toContain('tagged stack another-team, project single');
    expect(
      stack.cloud.agentcore.calls().filter((call) => /^(Create|Update)Harness/.test(call.operation)).length,
    ).toBe(writes);
    await agentCoreControl(stack.pipeline.deps).send(
      new DeleteHarnessCommand({ harnessId: foreign.harnessId! }),
    );
  });
});
