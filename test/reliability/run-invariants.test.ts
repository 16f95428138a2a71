import { join } from 'node:path';
import {
  BedrockAgentCoreControlClient,
  CreateHarnessCommand,
  DeleteHarnessCommand,
  UpdateHarnessCommand,
  UpdateHarnessEndpointCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventBridgeEvent } from '../../local/eventbridge/index.js';
import type { RunDeployResult } from '../../local/runner/index.js';
import { holdLock } from '../support/hold-lock.js';
import { type LocalStack, startLocalStack } from '../support/local-stack.js';
import { checkRunInvariants, Invariant, type InvariantViolation } from '../support/run-invariants.js';

const single = join(import.meta.dirname, '../../examples/single');
const invariantsOf = (violations: readonly InvariantViolation[]) => [
  ...new Set(violations.map((violation) => violation.invariant)),
];

/** Each check is shown to hold on real runs and to fail on a doctored situation. */
describe('checkRunInvariants', () => {
  let stack: LocalStack;
  let deployed: RunDeployResult;
  let outcome: EventBridgeEvent;
  beforeAll(async () => {
    stack = await startLocalStack({ sdk: { retryDelayMs: 0 } }, { waitMs: 0 });
    await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-inv1');
    [deployed] = (await stack.drop('good', single)) as [RunDeployResult];
    outcome = stack
      .outcomes()
      .find(
        (event) =>
          event.resources.includes(deployed.executionArn) && event['detail-type'] === 'Deploy Succeeded',
      )!;
  });
  afterAll(() => stack.stop());

  /** A run the runner never returned, with the given events put on the bus in its name. */
  const doctoredRun = (
    name: string,
    events: readonly EventBridgeEvent[],
    error?: string,
  ): RunDeployResult => {
    const executionArn = `arn:aws:states:us-west-2:000000000000:execution:agentdrop-deploy:${name}`;
    for (const event of events) {
      stack.cloud.events.publish('agentdrop', {
        ...event,
        id: `${name}-${event.id}`,
        resources: [executionArn],
      });
    }
    return {
      ...deployed,
      executionArn,
      status: error === undefined ? 'SUCCEEDED' : 'FAILED',
      ...(error === undefined ? {} : { error: { error, cause: 'doctored' } }),
    };
  };

  it('returns no violation for a deploy, an unchanged push and a teardown, each with its next drop', async () => {
    expect(
      await checkRunInvariants(stack, {
        runs: [deployed],
        projects: ['good'],
        nextDrop: (project) => stack.drop(project, single),
      }),
    ).toEqual([]);
    const teardown = await stack.deleteDrop('good');
    expect(await checkRunInvariants(stack, { runs: teardown, projects: ['good'] })).toEqual([]);
    const redeployed = await stack.drop('good', single);
    expect(await checkRunInvariants(stack, { runs: redeployed, projects: ['good'] })).toEqual([]);
    deployed = redeployed[0]!;
  });

  it('reports one-outcome for a run with no outcome event and for one with two', async () => {
    const none = doctoredRun('none', []);
    const twice = doctoredRun('twice', [outcome, outcome]);
    const violations = await checkRunInvariants(stack, { runs: [none, twice], projects: [] });
    expect(violations.filter((v) => v.invariant === Invariant.OneOutcome).map((v) => v.message)).toEqual([
      '0 outcome events (none); execution SUCCEEDED',
      '2 outcome events (Deploy Succeeded, Deploy Succeeded); execution SUCCEEDED',
    ]);
  });

  it('reports no-path-error for a run that failed with States.Runtime', async () => {
    const run = doctoredRun('runtime-error', [], 'States.Runtime');
    expect(invariantsOf(await checkRunInvariants(stack, { runs: [run], projects: [] }))).toEqual([
      Invariant.NoPathError,
      Invariant.OneOutcome,
    ]);
  });

  it('reports failure-named for a Deploy Failed without a stable code or a state', async () => {
    const failed: EventBridgeEvent = {
      ...outcome,
      'detail-type': 'Deploy Failed',
      detail: {
        metadata: (outcome.detail as { metadata: object }).metadata,
        data: {
          errorCode: 'Error',
          errorName: 'Error',
          message: 'something broke',
          failedState: null,
          diagnostics: [],
          diagnosticCounts: { errors: 0, warnings: 0, infos: 0 },
          planKey: null,
          buildLogUrl: null,
        },
      },
    };
    const run = doctoredRun('unnamed', [failed], 'Error');
    const violations = await checkRunInvariants(stack, { runs: [run], projects: [] });
    expect(violations.filter((v) => v.invariant === Invariant.FailureNamed).map((v) => v.message)).toEqual([
      'Deploy Failed names no stable code (errorCode "Error")',
      'Deploy Failed names no state of the machine (failedState null)',
      'receipt error none at none ≠ event Error at null',
    ]);
  });

  it('reports lock-free for a lock left behind', async () => {
    await holdLock(stack.pipeline.deps.documents, stack.cloud.resources.tableName, {
      project: 'locked',
      owner: 'arn:aws:states:us-west-2:000000000000:execution:agentdrop-deploy:gone',
      deployId: 'D1',
      leaseExpiresAt: Math.floor(Date.now() / 1000) + 600,
    });
    const violations = await checkRunInvariants(stack, { runs: [], projects: ['locked'] });
    expect(violations).toEqual([
      {
        invariant: Invariant.LockFree,
        project: 'locked',
        executionArn: null,
        message: 'the lock is held by gone (deploy D1)',
      },
    ]);
    await stack.store.locks.releaseLock({
      project: 'locked',
      owner: 'arn:aws:states:us-west-2:000000000000:execution:agentdrop-deploy:gone',
    });
  });

  it('reports queued-picked-up when the last run of a project ended queued', async () => {
    const queued = doctoredRun('queued', [{ ...outcome, 'detail-type': 'Deploy Queued' }]);
    const violations = await checkRunInvariants(stack, { runs: [deployed, queued], projects: ['good'] });
    expect(invariantsOf(violations)).toContain(Invariant.QueuedPickedUp);
  });

  it('reports records-agree when STATE disagrees with the receipt and the event', async () => {
    const state = (await stack.store.state.getState('good'))!;
    const { rev, ...rest } = state;
    await stack.store.state.putState({ ...rest, fingerprint: 'f'.repeat(64) }, rev);
    try {
      const violations = await checkRunInvariants(stack, { runs: [deployed], projects: ['good'] });
      expect(invariantsOf(violations)).toEqual([Invariant.RecordsAgree]);
      expect(violations.map((v) => v.message.split(' but ')[1])).toEqual([
        `its receipt says succeeded (fingerprint ${state.fingerprint.slice(0, 12)})`,
        undefined,
      ]);
    } finally {
      await stack.store.state.putState(rest, rev + 1);
    }
  });

  it('reports no-orphan for a harness of the project that STATE does not record', async () => {
    const control = new BedrockAgentCoreControlClient(stack.cloud.clientConfig('agentcore-control'));
    const { harness } = await control.send(
      new CreateHarnessCommand({
        harnessName: 'agentdrop_good_stray',
        executionRoleArn: 'arn:aws:iam::000000000000:role/agentdrop-harness-execution',
        tags: { 'agentdrop:stack': 'agentdrop-local', 'agentdrop:project': 'good' },
      }),
    );
    try {
      const violations = await checkRunInvariants(stack, { runs: [deployed], projects: ['good'] });
      expect(violations.map((v) => [v.invariant, v.message.split(' (')[0]])).toEqual([
        [Invariant.NoOrphan, 'harness agentdrop_good_stray'],
      ]);
    } finally {
      await control.send(new DeleteHarnessCommand({ harnessId: harness!.harnessId! }));
      control.destroy();
    }
  });

  it('reports live-gated when live serves a version that never passed its smoke test', async () => {
    const control = new BedrockAgentCoreControlClient(stack.cloud.clientConfig('agentcore-control'));
    const harnessId = (await stack.store.state.getState('good'))!.resource.id!;
    const moveLive = (targetVersion: string) =>
      control.send(new UpdateHarnessEndpointCommand({ harnessId, endpointName: 'live', targetVersion }));
    // A version made behind the pipeline's back (never smoke-tested), then live moved to it.
    await control.send(new UpdateHarnessCommand({ harnessId, systemPrompt: [{ text: 'Untested.' }] }));
    await moveLive('2');
    try {
      const violations = await checkRunInvariants(stack, { runs: [deployed], projects: ['good'] });
      expect(violations.map((v) => [v.invariant, v.message.split(' but ')[1]])).toEqual([
        [Invariant.LiveGated, 'the live endpoint targets 2 (serving 2, READY)'],
      ]);
    } finally {
      await moveLive('1');
      control.destroy();
    }
  });

  it('reports next-drop-succeeds when the next drop fails', async () => {
    const broken = new Map([['agent.md', new TextEncoder().encode('---\ntools: Read, Grep\n---\nHi\n')]]);
    const violations = await checkRunInvariants(stack, {
      runs: [],
      projects: ['good'],
      nextDrop: (project) => stack.drop(project, broken),
    });
    expect(violations.map((v) => [v.invariant, v.message.split(':')[0]])).toEqual([
      [Invariant.NextDropSucceeds, 'the next good drop ended FAILED with Deploy Failed (frontmatter.type'],
    ]);
  });
});
