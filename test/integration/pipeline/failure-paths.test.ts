import { join } from 'node:path';
import { ListHarnessesCommand, UpdateHarnessCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { zipFiles } from '../../../core/bundle/index.js';
import { createFinalizeFunction } from '../../../functions/finalize/finalize-run.js';
import { agentCoreControl } from '../../../functions/lib/clients/agentcore-control.js';
import { validateEventDetail } from '../../../functions/lib/event-schemas.js';
import type { RunDeployResult } from '../../../local/runner/index.js';
import { checkInvariantsAfterEach } from '../../support/check-invariants-after-each.js';
import { dropFiles, type LocalStack, runsStartedBy, startLocalStack } from '../../support/local-stack.js';

const single = join(import.meta.dirname, '../../../examples/single');
const OutcomeTypes = [
  'Deploy Succeeded',
  'Deploy Failed',
  'Deploy Skipped',
  'Deploy Queued',
  'Agent Destroyed',
];

/** The outcome events one run published (exactly one is the invariant, docs/state-machine.md §8). */
const outcomesOf = (run: RunDeployResult) =>
  run.events.filter((event) => OutcomeTypes.includes(event.detailType));
const failedData = (run: RunDeployResult) =>
  (outcomesOf(run)[0]!.detail as { data: { errorCode: string; failedState: string | null; message: string } })
    .data;

describe('the pipeline on the local cloud, off the happy path', () => {
  let stack: LocalStack;
  let bus: EventBridgeClient;
  beforeAll(async () => {
    // Retries wait 40 ms so a resource that settles within a few hundred ms is waited out.
    stack = await startLocalStack({}, { retryMs: 40 });
    bus = new EventBridgeClient(stack.cloud.clientConfig('eventbridge'));
    await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-77a1');
  });
  afterAll(async () => {
    bus.destroy();
    await stack.stop();
  });

  // Every run of every test holds the run invariants (docs/state-machine.md §8).
  const invariants = checkInvariantsAfterEach(() => stack);

  const redeploy = (project: string): Promise<RunDeployResult[]> =>
    runsStartedBy(stack.triggers, () =>
      bus.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: 'agentdrop',
              Source: 'test',
              DetailType: 'Redeploy Requested',
              Detail: JSON.stringify({ project }),
            },
          ],
        }),
      ),
    );

  it('fails a redeploy of a project that has no drop with one Deploy Failed naming drop.missing and Plan', async () => {
    const [run] = await redeploy('nosuch');

    expect(run!.status).toBe('FAILED');
    expect(outcomesOf(run!).map((event) => event.detailType)).toEqual(['Deploy Failed']);
    expect(validateEventDetail('Deploy Failed', outcomesOf(run!)[0]!.detail).ok).toBe(true);
    expect(failedData(run!)).toMatchObject({ errorCode: 'drop.missing', failedState: 'Plan' });
    expect(failedData(run!).message).toContain('has no drop');
    expect(run!.finalised).toBe(false);
    expect(await stack.store.locks.getLock('nosuch')).toBeNull();
  });

  it('fails a drop whose Plan keeps failing, and plans the same event again when it is delivered again', async () => {
    // Every S3 read of the drop fails: the SDK's three attempts, four times (Plan and its three retries).
    stack.cloud.faults('s3').set('GetObject', { kind: 'server_error', count: 12 });
    const [failed] = await stack.drop('planfails', single);

    expect(outcomesOf(failed!).map((event) => event.detailType)).toEqual(['Deploy Failed']);
    expect(failedData(failed!)).toMatchObject({ failedState: 'Plan' });
    const receipts = await stack.store.receipts.listReceipts('planfails');
    expect(receipts.map((receipt) => [receipt.outcome, receipt.error?.state])).toEqual([['failed', 'Plan']]);

    // The same S3 event again (at-least-once delivery): its claim was given back, so it deploys.
    const created = stack.triggers.runs().at(-1)!.event;
    const before = stack.triggers.runs().length;
    stack.cloud.events.publish('default', created);
    await stack.triggers.idle();
    const [again] = await Promise.all(
      stack.triggers
        .runs()
        .slice(before)
        .map((run) => run.result),
    );
    expect(outcomesOf(again!).map((event) => event.detailType)).toEqual(['Deploy Succeeded']);
  });

  it('tears the agent down when its drop is deleted during the first deploy', async () => {
    stack.cloud.faults('agentcore').set('CreateHarness', { kind: 'slow_ready', delayMs: 300 });
    await stack.s3.send(
      new PutObjectCommand({
        Bucket: stack.cloud.resources.dropBucket,
        Key: 'drops/firstgone.zip',
        Body: zipFiles(await dropFiles(single)),
      }),
    );
    while ((await stack.store.locks.getLock('firstgone')) === null)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await stack.deleteDrop('firstgone');

    const types = stack
      .outcomes()
      .filter((event) => JSON.stringify(event.detail).includes('"firstgone"'))
      .map((event) => event['detail-type']);
    expect(types).toEqual([
      'Deploy Started',
      'Deploy Queued',
      'Deploy Succeeded',
      'Redeploy Requested',
      'Deploy Started',
      'Agent Destroyed',
    ]);
    expect(await stack.store.state.getState('firstgone')).toBeNull();
    expect(await stack.store.locks.getLock('firstgone')).toBeNull();
  });

  it('skips the delete of a project that was never deployed, deciding it under the lock', async () => {
    const [run] = await stack.deleteDrop('neverdeployed');

    expect(outcomesOf(run!).map((event) => event.detailType)).toEqual(['Deploy Skipped']);
    expect((outcomesOf(run!)[0]!.detail as { data: { reason: string } }).data.reason).toBe(
      'nothing-to-destroy',
    );
    expect(await stack.store.locks.getLock('neverdeployed')).toBeNull();
  });

  it('retries a smoke test that AgentCore throttles, instead of failing it as SmokeTestFailed', async () => {
    stack.cloud.faults('agentcore').set('InvokeHarness', { kind: 'throttle', count: 4 });
    const [run] = await stack.drop('smokethrottled', single);

    expect(outcomesOf(run!).map((event) => event.detailType)).toEqual(['Deploy Succeeded']);
    const throttled = stack.cloud.agentcore
      .calls()
      .filter((call) => call.operation === 'InvokeHarness' && call.status === 429);
    expect(throttled).toHaveLength(4);
  });

  it('waits out a harness still UPDATING from an earlier change instead of failing with a ConflictException', async () => {
    const [first] = await stack.drop('stillupdating', single);
    expect(outcomesOf(first!).map((event) => event.detailType)).toEqual(['Deploy Succeeded']);
    const state = (await stack.store.state.getState('stillupdating'))!;
    // An earlier change that has not settled: the harness stays UPDATING for 1.5 s, long enough for the second
    // drop to reach UpdateHarness on a loaded machine; six retries 400 ms apart outlast it.
    stack.cloud.faults('agentcore').set('UpdateHarness', { kind: 'slow_ready', delayMs: 1500 });
    stack.setRetryMs(400);
    onTestFinished(() => stack.setRetryMs(40));
    const control = agentCoreControl(stack.pipeline.deps, state.region);
    const { harness } = await control.send(new UpdateHarnessCommand({ harnessId: state.resource.id! }));
    expect(harness?.status).toBe('UPDATING');

    const files = await dropFiles(single);
    files.set(
      'agent.md',
      new TextEncoder().encode(`${new TextDecoder().decode(files.get('agent.md'))}\nBe brief.\n`),
    );
    const [second] = await stack.drop('stillupdating', files);

    expect(outcomesOf(second!).map((event) => event.detailType)).toEqual(['Deploy Succeeded']);
    const conflicts = stack.cloud.agentcore
      .calls()
      .filter((call) => call.operation === 'UpdateHarness' && call.status === 409);
    expect(conflicts.length).toBeGreaterThan(0);
  });

  it('records the harness a failed first deploy left for clean-up, and deletes it when the drop is deleted', async () => {
    const files = await dropFiles(single);
    files.set(
      'agentdrop.yaml',
      new TextEncoder().encode('smoke:\n  prompt: "Hello?"\n  expect: "^Bonjour"\n'),
    );
    const [failed] = await stack.drop('leftover', files);
    expect(failedData(failed!)).toMatchObject({ errorCode: 'SmokeTestFailed', failedState: 'SmokeTest' });
    expect(await stack.store.state.getState('leftover')).toBeNull();
    const [entry] = await stack.store.cleanup.list('leftover');
    expect(entry).toMatchObject({ mode: 'harness', project: 'leftover' });

    const [teardown] = await stack.deleteDrop('leftover');
    expect(outcomesOf(teardown!).map((event) => event.detailType)).toEqual(['Agent Destroyed']);
    expect(await stack.store.cleanup.list('leftover')).toEqual([]);
    const control = agentCoreControl(stack.pipeline.deps, entry!.region);
    const { harnesses } = await control.send(new ListHarnessesCommand({}));
    expect(harnesses?.some((harness) => harness.harnessName === entry!.name)).toBe(false);
  });

  it('finalizes a run killed mid-deploy: one Deploy Failed, the lock free, and a second delivery changes nothing', async () => {
    stack.cloud.faults('agentcore').set('CreateHarness', { kind: 'slow_ready', delayMs: 400 });
    const files = await dropFiles(single);
    const body = zipFiles(files);
    await stack.s3.send(
      new PutObjectCommand({ Bucket: stack.cloud.resources.dropBucket, Key: 'drops/killed.zip', Body: body }),
    );
    // The rule started the run; take the event it got and run it again under our own abort signal instead.
    await stack.triggers.idle();
    const event = stack.triggers.runs().at(-1)!.event;
    const controller = new AbortController();
    stack.cloud.faults('agentcore').set('UpdateHarness', { kind: 'slow_ready', delayMs: 400 });
    const force = {
      ...event,
      id: `${event.id}-again`,
      'detail-type': 'Redeploy Requested',
      detail: { project: 'killed', force: true },
    };
    const running = stack.pipeline.run(force, {
      waitMs: 25,
      signal: controller.signal,
      onEvent: (progress) => {
        if (progress.kind === 'state-entered' && progress.state === 'WaitForHarness') controller.abort();
      },
    });
    const run = await running;
    invariants.alsoCheck(run);

    expect(run.status).toBe('ABORTED');
    expect(run.finalised).toBe(true);
    expect(outcomesOf(run).map((entry) => entry.detailType)).toEqual(['Deploy Failed']);
    expect(failedData(run)).toMatchObject({ errorCode: 'ExecutionAborted', failedState: 'WaitForHarness' });
    expect(await stack.store.locks.getLock('killed')).toBeNull();

    const finalize = createFinalizeFunction({
      store: stack.store,
      events: bus,
      eventBusName: 'agentdrop',
      region: stack.cloud.region,
      emulated: true,
      now: () => new Date(),
      readHistory: async () => ({ outcomePublished: false, lastDocument: null, lastState: 'WaitForHarness' }),
    });
    const [receipt] = await stack.store.receipts.listReceipts('killed');
    expect([receipt?.executionArn, receipt?.outcome]).toEqual([run.executionArn, 'failed']);
    const before = stack.outcomes().length;
    const again = await finalize({
      detail: {
        executionArn: run.executionArn,
        status: 'ABORTED',
        startDate: Date.parse(receipt!.startedAt),
        input: JSON.stringify(force),
      },
    });
    expect(again).toMatchObject({ action: 'ignored' });
    expect(stack.outcomes().length).toBe(before);
  });
});
