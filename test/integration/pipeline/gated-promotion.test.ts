import { join } from 'node:path';
import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smokeHarness } from '../../../functions/invoke/smoke-harness.js';
import { validateEventDetail } from '../../../functions/lib/event-schemas.js';
import { checkInvariantsAfterEach } from '../../support/check-invariants-after-each.js';
import { dropFiles, type LocalStack, startLocalStack } from '../../support/local-stack.js';

const single = join(import.meta.dirname, '../../../examples/single');
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** examples/single with one skill file changed (a new version) and, optionally, a smoke expect no reply matches. */
async function singleVariant(label: string, failingSmoke: boolean): Promise<Map<string, Uint8Array>> {
  const files = await dropFiles(single);
  const path = 'skills/ticket-triage/labels.csv';
  files.set(path, encoder.encode(`${decoder.decode(files.get(path))}${label},variant,"${label}"\n`));
  if (failingSmoke) {
    files.set(
      'agentdrop.yaml',
      encoder.encode('smoke:\n  prompt: "What can you help me with?"\n  expect: "NEVER-IN-ANY-REPLY"\n'),
    );
  }
  return files;
}

interface SucceededData {
  readonly resourceArn: string;
  readonly resourceVersion: string | null;
  readonly liveVersion: string | null;
  readonly endpointArn: string | null;
}
interface FailedData {
  readonly errorCode: string;
  readonly failedState: string | null;
  readonly liveVersion: string | null;
  readonly candidateVersion: string | null;
}

describe('gated promotion on the local cloud (harness)', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-7f3a');
  });
  afterAll(() => stack.stop());

  /** One invocation through an endpoint of the project's harness, as a user would make it. */
  async function invokeThrough(qualifier: string, harnessArn: string) {
    const client = new BedrockAgentCoreClient(stack.cloud.clientConfig('agentcore'));
    const answer = await smokeHarness(client, {
      harnessArn,
      qualifier,
      sessionId: `user-session-${qualifier}-${Date.now()}`.padEnd(40, '0'),
      prompt: 'Hello there',
      agent: 'helpdesk',
    });
    return { reply: answer.reply, servedBy: stack.cloud.agentcore.harnessInvocations().at(-1)!.version };
  }

  it('creates live on the first success, after the smoke test called the new version through candidate', async () => {
    const [run] = await stack.drop('single', single);
    expect(run!.status).toBe('SUCCEEDED');
    const succeeded = run!.events.find((event) => event.detailType === 'Deploy Succeeded')!;
    expect(validateEventDetail('Deploy Succeeded', succeeded.detail)).toEqual({ ok: true, errors: [] });
    const data = (succeeded.detail as { data: SucceededData }).data;
    expect(data.liveVersion).toBe('1');
    expect(data.endpointArn).toBe(`${data.resourceArn}/harness-endpoint/live`);
    // The smoke test went through candidate; live was created only after it passed.
    const smoke = stack.cloud.agentcore.harnessInvocations().at(-1)!;
    expect([smoke.qualifier, smoke.version]).toEqual(['candidate', '1']);
    const operations = stack.cloud.agentcore.calls().map((call) => call.operation);
    const createLive = operations.lastIndexOf('CreateHarnessEndpoint');
    expect(operations.indexOf('InvokeHarness')).toBeLessThan(createLive);
    const state = (await stack.store.state.getState('single'))!;
    expect(state.live).toEqual({ endpointName: 'live', endpointArn: data.endpointArn, version: '1' });
    expect(state.passedVersions?.map((entry) => entry.version)).toEqual(['1']);
    const [receipt] = await stack.store.receipts.listReceipts('single');
    expect(receipt?.live).toEqual({ version: '1', endpointArn: data.endpointArn });
    expect((await invokeThrough('live', data.resourceArn)).servedBy).toBe('1');
  });

  it('moves live to a new version that passed its smoke test', async () => {
    const [run] = await stack.drop('single', await singleVariant('good', false));
    expect(run!.status).toBe('SUCCEEDED');
    const data = (
      run!.events.find((event) => event.detailType === 'Deploy Succeeded')!.detail as {
        data: SucceededData;
      }
    ).data;
    expect([data.resourceVersion, data.liveVersion]).toEqual(['2', '2']);
    expect((await invokeThrough('live', data.resourceArn)).servedBy).toBe('2');
    const state = (await stack.store.state.getState('single'))!;
    expect(state.passedVersions?.map((entry) => entry.version)).toEqual(['1', '2']);
  });

  it('keeps live on the last good version when the smoke test fails: Deploy Failed names both versions', async () => {
    const before = (await stack.store.state.getState('single'))!;
    const [run] = await stack.drop('single', await singleVariant('bad', true));
    expect(run!.status).toBe('FAILED');
    const failed = run!.events.find((event) => event.detailType === 'Deploy Failed')!;
    expect(validateEventDetail('Deploy Failed', failed.detail)).toEqual({ ok: true, errors: [] });
    const data = (failed.detail as { data: FailedData }).data;
    expect(data).toMatchObject({
      errorCode: 'SmokeTestFailed',
      failedState: 'SmokeTest',
      liveVersion: '2',
      candidateVersion: '3',
    });
    const receipts = await stack.store.receipts.listReceipts('single');
    const receipt = receipts.find((r) => r.outcome === 'failed')!;
    expect([receipt.live?.version, receipt.candidateVersion]).toEqual(['2', '3']);
    // STATE still points at the good deploy, and a user calling live is answered by version 2, never 3.
    const after = (await stack.store.state.getState('single'))!;
    expect([after.lastDeployId, after.live?.version]).toEqual([before.lastDeployId, '2']);
    const answer = await invokeThrough('live', before.resource.arn!);
    expect(answer.reply).toMatch(/Hello there/);
    expect(answer.servedBy).toBe('2');
    expect(
      stack.cloud.agentcore
        .harnessInvocations()
        .filter((invocation) => invocation.qualifier === 'live')
        .map((invocation) => invocation.version),
    ).not.toContain('3');
  });

  it('deploys the next good drop and promotes it past the failed version', async () => {
    const [run] = await stack.drop('single', await singleVariant('fixed', false));
    expect(run!.status).toBe('SUCCEEDED');
    const data = (
      run!.events.find((event) => event.detailType === 'Deploy Succeeded')!.detail as {
        data: SucceededData;
      }
    ).data;
    expect(data.liveVersion).toBe('4');
    const state = (await stack.store.state.getState('single'))!;
    expect(state.passedVersions?.map((entry) => entry.version)).toEqual(['1', '2', '4']);
  });
});

describe('gated promotion while endpoints take time to move', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    // Every create, update and endpoint move stays CREATING/UPDATING for a while, as on AWS.
    stack = await startLocalStack({ delays: { createMs: 120, updateMs: 120 } }, { waitMs: 40 });
    await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-7f3a');
  });
  afterAll(() => stack.stop());

  const endpointReads = (name: string) =>
    stack.cloud.agentcore
      .calls()
      .filter((call) => call.operation === 'GetHarnessEndpoint' && call.path.endsWith(`/endpoints/${name}`))
      .length;

  it('waits for candidate before the smoke test and for live before the run succeeds', async () => {
    const [first] = await stack.drop('single', single);
    expect(first!.status).toBe('SUCCEEDED');
    const [second] = await stack.drop('single', await singleVariant('slow', false));
    expect(second!.status).toBe('SUCCEEDED');
    const data = (
      second!.events.find((event) => event.detailType === 'Deploy Succeeded')!.detail as {
        data: SucceededData;
      }
    ).data;
    expect(data.liveVersion).toBe('2');
    // Each endpoint was read again while it moved (UPDATING, liveVersion still the old one).
    expect(endpointReads('candidate')).toBeGreaterThan(2);
    expect(endpointReads('live')).toBeGreaterThan(2);
    const smoke = stack.cloud.agentcore.harnessInvocations().at(-1)!;
    expect([smoke.qualifier, smoke.version]).toEqual(['candidate', '2']);
  });
});
