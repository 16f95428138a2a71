import { join } from 'node:path';
import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smokeHarness } from '../../../functions/invoke/smoke-harness.js';
import { validateEventDetail } from '../../../functions/lib/event-schemas.js';
import type { RunDeployResult } from '../../../local/runner/index.js';
import { checkInvariantsAfterEach } from '../../support/check-invariants-after-each.js';
import { dropFiles, type LocalStack, runsStartedBy, startLocalStack } from '../../support/local-stack.js';

const single = join(import.meta.dirname, '../../../examples/single');
const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function variant(label: string, failingSmoke = false): Promise<Map<string, Uint8Array>> {
  const files = await dropFiles(single);
  const path = 'skills/ticket-triage/labels.csv';
  files.set(path, encoder.encode(`${decoder.decode(files.get(path))}${label},variant,"${label}"\n`));
  if (failingSmoke) {
    files.set('agentdrop.yaml', encoder.encode('smoke:\n  prompt: "Hi"\n  expect: "NEVER-IN-ANY-REPLY"\n'));
  }
  return files;
}

const outcome = (run: RunDeployResult) =>
  run.events.find(
    (event) => event.detailType !== 'Deploy Started' && event.detailType !== 'Redeploy Requested',
  )!;

describe('rollback on the local cloud (harness), through the real state machine', () => {
  let stack: LocalStack;
  let bus: EventBridgeClient;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack();
    bus = new EventBridgeClient(stack.cloud.clientConfig('eventbridge'));
    await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-7f3a');
    // Versions 1 and 2 pass, version 3 fails its smoke test: live is on 2, the passed versions are 1 and 2.
    for (const files of [await dropFiles(single), await variant('two'), await variant('three', true)]) {
      await stack.drop('rb', files);
    }
  });
  afterAll(async () => {
    bus.destroy();
    await stack.stop();
  });

  /** What `agentdrop rollback rb [--to V]` publishes. */
  const rollback = (to = 'previous'): Promise<RunDeployResult[]> =>
    runsStartedBy(stack.triggers, () =>
      bus.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: 'agentdrop',
              Source: 'agentdrop.cli',
              DetailType: 'Redeploy Requested',
              Detail: JSON.stringify({ project: 'rb', rollbackTo: to }),
            },
          ],
        }),
      ),
    );

  async function servedByLive(): Promise<string> {
    const state = (await stack.store.state.getState('rb'))!;
    await smokeHarness(new BedrockAgentCoreClient(stack.cloud.clientConfig('agentcore')), {
      harnessArn: state.resource.arn!,
      qualifier: 'live',
      sessionId: `rollback-check-${Date.now()}`.padEnd(40, '0'),
      prompt: 'Hello',
      agent: 'helpdesk',
    });
    return stack.cloud.agentcore.harnessInvocations().at(-1)!.version;
  }

  it('starts with live on the last good version', async () => {
    const state = (await stack.store.state.getState('rb'))!;
    expect([state.live?.version, state.passedVersions?.map((entry) => entry.version)]).toEqual([
      '2',
      ['1', '2'],
    ]);
    expect(await servedByLive()).toBe('2');
  });

  it('moves live back to the previous passed version, with its own receipt and Deploy Succeeded', async () => {
    const before = (await stack.store.state.getState('rb'))!;
    const [run] = await rollback();
    expect(run!.status).toBe('SUCCEEDED');
    // Plan, lock, Deploy Started, then only the promotion (14): no build, deploy or smoke test. The emulator
    // answers the move of live UPDATING, as AWS does, so the run waits once (+3).
    expect(run!.transitions).toBe(17);
    const event = outcome(run!);
    expect(event.detailType).toBe('Deploy Succeeded');
    expect(validateEventDetail('Deploy Succeeded', event.detail)).toEqual({ ok: true, errors: [] });
    const data = (event.detail as { data: Record<string, unknown> }).data;
    expect(data).toMatchObject({ decision: 'rollback', liveVersion: '1', resourceVersion: '1' });
    expect(data.endpointArn).toBe(before.live?.endpointArn);
    const state = (await stack.store.state.getState('rb'))!;
    expect(state.live?.version).toBe('1');
    // Only live moved: the resource, fingerprint and passed versions are as recorded; STATE's version names the
    // version the last successful run put live.
    expect([state.resource, state.fingerprint, state.passedVersions]).toEqual([
      { ...before.resource, version: '1' },
      before.fingerprint,
      before.passedVersions,
    ]);
    const receipts = await stack.store.receipts.listReceipts('rb');
    const receipt = receipts.find((r) => r.deployId === state.lastDeployId)!;
    expect([receipt.outcome, receipt.decision, receipt.live?.version]).toEqual([
      'succeeded',
      'rollback',
      '1',
    ]);
    expect(await servedByLive()).toBe('1');
  });

  it('moves live forward again to a named passed version', async () => {
    const [run] = await rollback('2');
    expect(run!.status).toBe('SUCCEEDED');
    expect((await stack.store.state.getState('rb'))!.live?.version).toBe('2');
    expect(await servedByLive()).toBe('2');
  });

  it('refuses a version that never passed its smoke test, touching nothing', async () => {
    const before = (await stack.store.state.getState('rb'))!;
    const writes = stack.cloud.agentcore
      .calls()
      .filter((call) => /^(Create|Update|Delete)/.test(call.operation));
    const [run] = await rollback('3');
    expect(run!.status).toBe('FAILED');
    const event = outcome(run!);
    expect(event.detailType).toBe('Deploy Failed');
    expect(validateEventDetail('Deploy Failed', event.detail)).toEqual({ ok: true, errors: [] });
    expect((event.detail as { data: Record<string, unknown> }).data).toMatchObject({
      errorCode: 'rollback.version_not_passed',
      failedState: 'Plan',
      liveVersion: '2',
      candidateVersion: null,
    });
    expect(
      stack.cloud.agentcore.calls().filter((call) => /^(Create|Update|Delete)/.test(call.operation)),
    ).toEqual(writes);
    expect(await stack.store.state.getState('rb')).toEqual(before);
    expect(await servedByLive()).toBe('2');
  });

  it('converges on the version live already serves without moving the endpoint', async () => {
    const moves = () =>
      stack.cloud.agentcore.calls().filter((call) => call.operation === 'UpdateHarnessEndpoint').length;
    const before = moves();
    const [run] = await rollback('2');
    expect(outcome(run!).detailType).toBe('Deploy Succeeded');
    // Plan, lock, Deploy Started, PrepareRollback, RouteToPromotion, PromoteHarness (already there: READY), …
    expect(run!.transitions).toBe(14);
    expect(moves()).toBe(before);
    expect((await stack.store.state.getState('rb'))!.live?.version).toBe('2');
  });

  it('lets the next good drop promote a new version past the rolled-back ones', async () => {
    await rollback();
    expect((await stack.store.state.getState('rb'))!.live?.version).toBe('1');
    const [run] = await stack.drop('rb', await variant('five'));
    expect(run!.status).toBe('SUCCEEDED');
    const state = (await stack.store.state.getState('rb'))!;
    expect(state.live?.version).toBe('4');
    expect(state.passedVersions?.map((entry) => entry.version)).toEqual(['1', '2', '4']);
    expect(await servedByLive()).toBe('4');
  });
});
