import { join } from 'node:path';
import { GetHarnessCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipFiles } from '../../core/bundle/index.js';
import { planDeploy } from '../../core/plan/index.js';
import { agentCoreControl } from '../../functions/lib/clients/agentcore-control.js';
import { attachTriggers, type LocalTriggers } from '../../local/pipeline/index.js';
import type { RunDeployResult } from '../../local/runner/index.js';
import { dropFiles, type LocalStack, runsStartedBy, startLocalStack } from '../support/local-stack.js';
import { checkRunInvariants, formatViolations } from '../support/run-invariants.js';

const single = join(import.meta.dirname, '../../examples/single');

/**
 * Races through the rules, as on AWS: S3 events and Redeploy Requested start runs through the same rules
 * `attachTriggers` registers; events can be held back and delivered late, out of order or many times.
 */
describe('races through the pipeline rules', () => {
  let stack: LocalStack;
  let triggers: LocalTriggers;
  let base: Map<string, Uint8Array>;
  beforeAll(async () => {
    stack = await startLocalStack({ sdk: { retryDelayMs: 0 } });
    // This file drives the rules itself: held events are captured while no rule listens.
    stack.triggers.detach();
    triggers = attachTriggers(stack.cloud, stack.pipeline, () => ({ waitMs: 25 }));
    await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-race');
    base = await dropFiles(single);
  });
  afterAll(async () => {
    triggers.detach();
    await triggers.idle();
    await stack.stop();
  });

  /** examples/single with a distinct instruction line: a different spec (and fingerprint) per `n`. */
  const version = (n: number): Map<string, Uint8Array> => {
    const files = new Map(base);
    const agent = new TextDecoder().decode(base.get('agent.md'));
    files.set('agent.md', new TextEncoder().encode(`${agent}\nVersion ${n}: answer as release ${n}.\n`));
    return files;
  };
  const specHashOf = (project: string, files: Map<string, Uint8Array>) =>
    planDeploy({ files }, { project }).specHash;
  const put = (project: string, files: Map<string, Uint8Array>) =>
    stack.s3.send(
      new PutObjectCommand({
        Bucket: stack.cloud.resources.dropBucket,
        Key: `drops/${project}.zip`,
        Body: zipFiles(files),
      }),
    );
  const runsOf = (action: () => Promise<unknown>) => runsStartedBy(triggers, action);
  /** Uploads with no rule listening and returns the Object Created events S3 emitted, in upload order. */
  const heldUploads = async (project: string, versions: Map<string, Uint8Array>[]) => {
    triggers.detach();
    const before = stack.cloud.events.events('default').length;
    for (const files of versions) await put(project, files);
    const events = stack.cloud.events.events('default').slice(before);
    triggers = attachTriggers(stack.cloud, stack.pipeline, () => ({ waitMs: 25 }));
    return events;
  };
  const outcomeTypes = (runs: readonly RunDeployResult[]) =>
    runs.map((run) =>
      run.events
        .map((event) => event.detailType)
        .filter((type) => type !== 'Deploy Started' && type !== 'Redeploy Requested')
        .join('+'),
    );
  const expectInvariants = async (runs: readonly RunDeployResult[], project: string) => {
    const violations = await checkRunInvariants(stack, { runs, projects: [project] });
    expect(formatViolations(violations)).toBe('');
  };
  /** Keeps the next harness create CREATING for a while, so the lock stays held. */
  const slowCreate = () =>
    stack.cloud.faults('agentcore').set('CreateHarness', { kind: 'slow_ready', delayMs: 250 });
  const lockTaken = async (project: string) => {
    while ((await stack.store.locks.getLock(project)) === null) await new Promise((r) => setTimeout(r, 10));
  };

  it('deploys the newest of five versions uploaded at once, with one outcome per run', async () => {
    const versions = [1, 2, 3, 4, 5].map(version);
    const runs = await runsOf(() => Promise.all(versions.map((files) => put('five', files))));
    // The newest upload is the key's current version: S3 ordered the concurrent PUTs.
    const current = await stack.cloud.s3.readObject(stack.cloud.resources.dropBucket, 'drops/five.zip');
    const newest = versions.find((files) => Buffer.from(zipFiles(files)).equals(current!))!;
    expect(runs.length).toBeGreaterThanOrEqual(5);
    const state = await stack.store.state.getState('five');
    expect(state?.specHash).toBe(specHashOf('five', newest));
    await expectInvariants(runs, 'five');
  });

  it('deploys the newer drop when events arrive out of order and twice, skipping the rest', async () => {
    const [older, newer] = await heldUploads('order', [version(1), version(2)]);
    const runs: RunDeployResult[] = [];
    for (const event of [newer!, older!, newer!, older!]) {
      runs.push(...(await runsOf(async () => stack.cloud.events.publish('default', event))));
    }
    expect(outcomeTypes(runs), describeRuns(runs)).toEqual([
      'Deploy Succeeded',
      'Deploy Skipped',
      'Deploy Skipped',
      'Deploy Skipped',
    ]);
    expect(runs.slice(1).map((run) => skipReason(run))).toEqual(['stale', 'duplicate', 'duplicate']);
    expect((await stack.store.state.getState('order'))?.specHash).toBe(specHashOf('order', version(2)));
    await expectInvariants(runs, 'order');
  });

  it('deploys once for ten concurrent copies of one S3 event; the other nine are duplicates', async () => {
    const [created] = await heldUploads('tenfold', [version(1)]);
    const runs = await runsOf(async () => {
      for (let copy = 0; copy < 10; copy++) stack.cloud.events.publish('default', created!);
    });
    expect(runs).toHaveLength(10);
    const types = outcomeTypes(runs);
    expect(types.filter((type) => type === 'Deploy Succeeded')).toHaveLength(1);
    expect(runs.filter((run) => skipReason(run) === 'duplicate')).toHaveLength(9);
    await expectInvariants(runs, 'tenfold');
  });

  it('queues two drops behind a running deploy and deploys the latest; every drop gets an outcome', async () => {
    slowCreate();
    const runs = await runsOf(async () => {
      await put('queue', version(1));
      await lockTaken('queue');
      await put('queue', version(2));
      await put('queue', version(3));
    });
    const types = outcomeTypes(runs);
    expect(types.slice(0, 3).sort(), describeRuns(runs)).toEqual([
      'Deploy Queued',
      'Deploy Queued',
      'Deploy Succeeded',
    ]);
    expect(types.at(-1)).toBe('Deploy Succeeded');
    expect((await stack.store.state.getState('queue'))?.specHash).toBe(specHashOf('queue', version(3)));
    await expectInvariants(runs, 'queue');
  });

  it('tears the agent down when the drop is deleted while a deploy runs', async () => {
    await runsOf(() => put('gone', version(1)));
    const deployed = (await stack.store.state.getState('gone'))!;
    stack.cloud.faults('agentcore').set('UpdateHarness', { kind: 'slow_ready', delayMs: 250 });
    const runs = await runsOf(async () => {
      await put('gone', version(2));
      await lockTaken('gone');
      await stack.s3.send(
        new DeleteObjectCommand({ Bucket: stack.cloud.resources.dropBucket, Key: 'drops/gone.zip' }),
      );
    });
    expect(outcomeTypes(runs), describeRuns(runs)).toContain('Agent Destroyed');
    expect(await stack.store.state.getState('gone')).toBeNull();
    await expect(
      agentCoreControl(stack.pipeline.deps).send(new GetHarnessCommand({ harnessId: deployed.resource.id! })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expectInvariants(runs, 'gone');
  });
});

/** One line per run (status, error, events) for assertion messages. */
function describeRuns(runs: readonly RunDeployResult[]): string {
  return runs
    .map(
      (run) =>
        `${run.status}${run.error ? ` ${run.error.error}: ${run.error.cause.slice(0, 160)}` : ''} [${run.events
          .map((event) => event.detailType)
          .join(', ')}]`,
    )
    .join('\n');
}

function skipReason(run: RunDeployResult): string | undefined {
  const skipped = run.events.find((event) => event.detailType === 'Deploy Skipped');
  return (skipped?.detail as { data?: { reason?: string } } | undefined)?.data?.reason;
}
