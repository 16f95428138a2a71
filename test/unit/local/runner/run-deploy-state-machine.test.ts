import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LockStore } from '../../../../functions/lib/store/index.js';
import {
  type RunDeployOptions,
  type RunnerEvent,
  runDeployStateMachine,
} from '../../../../local/runner/index.js';
import { holdLock, queuePending } from '../../../support/hold-lock.js';
import {
  dataOf,
  expectValidEvents,
  makeRunOptions,
  type RunnerFixture,
  startRunnerFixture,
} from './runner-fixture.js';
import { makeDecision, makeStubHandlers } from './stub-handlers.js';

let fixture: RunnerFixture;
let tableName: string;

beforeAll(async () => {
  fixture = await startRunnerFixture();
});

afterAll(async () => {
  await fixture.stop();
});

beforeEach(async () => {
  tableName = await fixture.newTable();
});

const options = (
  handlers: RunDeployOptions['handlers'],
  overrides: Partial<RunDeployOptions> = {},
): RunDeployOptions => makeRunOptions(fixture, tableName, handlers, overrides);
const documents = (): RunnerFixture['documents'] => fixture.documents;

describe('runDeployStateMachine', () => {
  describe('when a harness drop deploys', () => {
    it('returns SUCCEEDED with Started and Succeeded events and a free lock', async () => {
      const { handlers, calls } = makeStubHandlers({});
      const progress: RunnerEvent[] = [];
      const result = await runDeployStateMachine(
        options(handlers, { onEvent: (event) => progress.push(event) }),
      );

      expect(result.status).toBe('SUCCEEDED');
      expect(result.events.map((event) => event.detailType)).toEqual(['Deploy Started', 'Deploy Succeeded']);
      expectValidEvents(result.events);
      expect(calls.harness.map((call) => call.action)).toEqual(['deploy', 'status', 'promote']);
      expect(await new LockStore({ documents: documents(), tableName }).getLock('team')).toBeNull();
      const entered = progress.filter((event) => event.kind === 'state-entered').map((event) => event.state);
      expect(entered).toEqual([
        'Plan',
        'RouteByDecision',
        'AcquireLock',
        'PublishDeployStarted',
        'RouteByMode',
        'CreateOrUpdateHarness',
        'WaitForHarness',
        'GetHarnessStatus',
        'IsHarnessReady',
        'SmokeTest',
        'RouteToPromotion',
        'PromoteHarness',
        'IsLivePromoted',
        'RecordSuccess',
        'ReleaseLock',
        'PublishOutcome',
        'HasPendingDrop',
        'DeploySucceeded',
      ]);
      expect(result.transitions).toBe(18);
      expect(fixture.bus.events('agentdrop').map((event) => event['detail-type'])).toEqual([
        'Deploy Started',
        'Deploy Succeeded',
      ]);
    });
  });

  describe('when AgentCore throttles', () => {
    it('retries the state with backoff and succeeds', async () => {
      let calls = 0;
      const resource = {
        name: 'n',
        id: 'h',
        arn: 'arn:aws:bedrock-agentcore:us-west-2:000000000000:harness/h',
        version: '1',
      };
      const { handlers } = makeStubHandlers({
        harness: () => {
          if (++calls <= 2) throw Object.assign(new Error('Rate exceeded'), { name: 'AgentCoreThrottled' });
          return { resource, status: 'READY', failureReason: null, attempt: 0, delaySeconds: 1 };
        },
      });
      const progress: RunnerEvent[] = [];
      const result = await runDeployStateMachine(
        options(handlers, { onEvent: (event) => progress.push(event) }),
      );

      expect(result.status).toBe('SUCCEEDED');
      expect(progress.filter((event) => event.kind === 'state-retried')).toEqual([
        { kind: 'state-retried', state: 'CreateOrUpdateHarness', attempt: 1, at: expect.any(Number) },
        { kind: 'state-retried', state: 'CreateOrUpdateHarness', attempt: 2, at: expect.any(Number) },
      ]);
      const exited = progress.find(
        (event) => event.kind === 'state-exited' && event.state === 'CreateOrUpdateHarness',
      );
      expect(exited).toEqual(expect.objectContaining({ durationMs: expect.any(Number) }));
      expect(progress.at(-1)).toEqual({
        kind: 'execution-finished',
        status: 'SUCCEEDED',
        at: expect.any(Number),
      });
    });
  });

  describe('when the drop is invalid', () => {
    it('fails with the diagnostic code, publishes Deploy Failed and touches no resource', async () => {
      const diagnostic = {
        level: 'error',
        code: 'bundle.unsafe_path',
        message: 'Entry ../x escapes the root.',
        where: '../x',
      };
      const decision = makeDecision({
        action: 'invalid',
        mode: null,
        decision: null,
        diagnostics: { errors: [diagnostic], counts: { errors: 1, warnings: 0, infos: 0 } },
      });
      const { handlers, calls } = makeStubHandlers({ decision });
      const result = await runDeployStateMachine(options(handlers));

      expect(result.status).toBe('FAILED');
      expect(result.error?.error).toBe('bundle.unsafe_path');
      expect(result.events.map((event) => event.detailType)).toEqual(['Deploy Failed']);
      expectValidEvents(result.events);
      expect(calls.harness).toEqual([]);
      expect(result.finalised).toBe(false);
    });
  });

  describe('when the execution times out', () => {
    it('is finalized like on AWS: Deploy Failed naming ExecutionTimedOut and the state it was in, the lock free', async () => {
      // The definition as deployed, with a one-second execution timeout.
      const asl = JSON.parse(
        readFileSync(new URL('../../../../statemachine/deploy.asl.json', import.meta.url), 'utf8'),
      );
      const dir = mkdtempSync(join(tmpdir(), 'agentdrop-timeout-'));
      const definitionPath = join(dir, 'deploy.asl.json');
      writeFileSync(definitionPath, JSON.stringify({ ...asl, TimeoutSeconds: 1 }));
      const { handlers } = makeStubHandlers({
        harness: async () => {
          await new Promise((resolve) => setTimeout(resolve, 1500));
          throw new Error('unreachable: the execution timed out first');
        },
      });
      try {
        const result = await runDeployStateMachine(options(handlers, { definitionPath }));

        expect([result.status, result.finalised]).toEqual(['TIMED_OUT', true]);
        expect(result.events.map((event) => event.detailType)).toEqual(['Deploy Started', 'Deploy Failed']);
        expectValidEvents(result.events);
        expect(dataOf(result.events[1]!)).toMatchObject({
          errorCode: 'ExecutionTimedOut',
          failedState: 'CreateOrUpdateHarness',
        });
        expect(await new LockStore({ documents: documents(), tableName }).getLock('team')).toBeNull();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('when another run holds the lock', () => {
    it('records the drop as pending and publishes Deploy Queued', async () => {
      const locks = new LockStore({ documents: documents(), tableName });
      await holdLock(documents(), tableName, {
        project: 'team',
        owner: 'arn:other',
        deployId: 'other',
        leaseExpiresAt: 1_760_000_600,
      });
      const { handlers, calls } = makeStubHandlers({});
      const result = await runDeployStateMachine(options(handlers));

      expect(result.status).toBe('SUCCEEDED');
      expect(result.events.map((event) => event.detailType)).toEqual(['Deploy Queued']);
      expectValidEvents(result.events);
      expect(calls.harness).toEqual([]);
      expect((await locks.getLock('team'))?.pending).toEqual({
        key: 'drops/team.zip',
        versionId: 'v1',
        sequencer: '0055AED6DCD90281E5',
        deployId: '01JD0000000000000000000001',
        queuedAt: 1_760_000_000,
      });
    });
  });

  describe('when a drop is queued while the run holds the lock', () => {
    it('publishes Redeploy Requested after Deploy Succeeded', async () => {
      const pending = {
        key: 'drops/team.zip',
        versionId: 'v2',
        sequencer: '0055AED6DCD90281E6',
        deployId: 'd2',
        queuedAt: 1,
      };
      const { handlers } = makeStubHandlers({
        harness: async (event) => {
          if (event.action === 'deploy') await queuePending(documents(), tableName, 'team', pending);
          return {
            resource: {
              name: 'n',
              id: 'h',
              arn: 'arn:aws:bedrock-agentcore:us-west-2:000000000000:harness/h',
              version: '1',
            },
            status: 'READY',
            failureReason: null,
            attempt: 0,
            delaySeconds: 1,
          };
        },
      });
      const result = await runDeployStateMachine(options(handlers));

      expect(result.status).toBe('SUCCEEDED');
      expect(result.events.map((event) => [event.detailType, event.detail])).toEqual([
        ['Deploy Started', expect.anything()],
        ['Deploy Succeeded', expect.anything()],
        ['Redeploy Requested', { project: 'team' }],
      ]);
      expectValidEvents(result.events);
    });
  });

  describe('when the harness ends CREATE_FAILED', () => {
    it('releases the lock, publishes Deploy Failed naming the state, and fails', async () => {
      const { handlers } = makeStubHandlers({
        harness: (event) => {
          if (event.action === 'status') {
            throw Object.assign(new Error('agentdrop_team ended in CREATE_FAILED: bad model.'), {
              name: 'ResourceFailed',
            });
          }
          return {
            resource: { name: 'n', id: 'h', arn: null, version: null },
            status: 'CREATING',
            failureReason: null,
            attempt: 0,
            delaySeconds: 1,
          };
        },
      });
      const result = await runDeployStateMachine(options(handlers));

      expect(result.status).toBe('FAILED');
      expect(result.error).toEqual({
        error: 'ResourceFailed',
        cause: 'agentdrop_team ended in CREATE_FAILED: bad model.',
      });
      expect(result.events.map((event) => event.detailType)).toEqual(['Deploy Started', 'Deploy Failed']);
      expect(dataOf(result.events[1])).toEqual(
        expect.objectContaining({
          errorCode: 'ResourceFailed',
          failedState: 'GetHarnessStatus',
          message: 'agentdrop_team ended in CREATE_FAILED: bad model.',
        }),
      );
      expectValidEvents(result.events);
      expect(await new LockStore({ documents: documents(), tableName }).getLock('team')).toBeNull();
      expect(result.finalised).toBe(false);
    });
  });

  describe('when STATE moved after Plan', () => {
    it('plans again and deploys', async () => {
      let deploys = 0;
      const { handlers, calls } = makeStubHandlers({
        harness: (event) => {
          if (event.action === 'deploy' && ++deploys === 1)
            throw Object.assign(new Error('rev moved'), { name: 'StalePlan' });
          return {
            resource: {
              name: 'n',
              id: 'h',
              arn: 'arn:aws:bedrock-agentcore:us-west-2:000000000000:harness/h',
              version: '1',
            },
            status: 'READY',
            failureReason: null,
            attempt: 0,
            delaySeconds: 1,
          };
        },
      });
      const result = await runDeployStateMachine(options(handlers));

      expect(result.status).toBe('SUCCEEDED');
      expect(
        calls.plan.filter((call) => call.action === 'plan').map((call) => [call.replans, call.deployId]),
      ).toEqual([
        [0, undefined],
        [1, '01JD0000000000000000000001'],
      ]);
      expect(result.events.map((event) => event.detailType)).toEqual([
        'Deploy Started',
        'Deploy Started',
        'Deploy Succeeded',
      ]);
    });
  });

  describe('when the replan finds nothing to do while a drop is queued', () => {
    it('frees the lock, requests the redeploy and publishes Deploy Skipped', async () => {
      const locks = new LockStore({ documents: documents(), tableName });
      const pending = {
        key: 'drops/team.zip',
        versionId: 'v2',
        sequencer: '0A',
        deployId: 'd2',
        queuedAt: 1,
      };
      const { handlers } = makeStubHandlers({
        plan: (event) => {
          const decision = makeDecision({
            metadata: { ...(makeDecision().metadata as object), executionArn: event.executionArn },
          });
          return event.replans === 0
            ? decision
            : { ...decision, action: 'skip', skipReason: 'unchanged', decision: 'skip', replans: 1 };
        },
        harness: async () => {
          await queuePending(documents(), tableName, 'team', pending);
          throw Object.assign(new Error('rev moved'), { name: 'StalePlan' });
        },
      });
      const result = await runDeployStateMachine(options(handlers));

      expect(result.status).toBe('SUCCEEDED');
      expect(result.events.map((event) => event.detailType)).toEqual([
        'Deploy Started',
        'Redeploy Requested',
        'Deploy Skipped',
      ]);
      expectValidEvents(result.events);
      expect(await locks.getLock('team')).toBeNull();
    });
  });

  describe('when STATE keeps moving', () => {
    it('gives up after three replans with StalePlan', async () => {
      const { handlers, calls } = makeStubHandlers({
        harness: () => {
          throw Object.assign(new Error('rev moved'), { name: 'StalePlan' });
        },
      });
      const result = await runDeployStateMachine(options(handlers));

      expect(result.status).toBe('FAILED');
      expect(result.error?.error).toBe('StalePlan');
      expect(calls.harness).toHaveLength(4);
      expect(dataOf(result.events.at(-1))).toMatchObject({
        errorCode: 'StalePlan',
        failedState: 'CanReplan',
      });
      expect(await new LockStore({ documents: documents(), tableName }).getLock('team')).toBeNull();
    });
  });

  describe('when a handler returns more than 256 KiB', () => {
    it('fails the state with States.DataLimitExceeded', async () => {
      const { handlers } = makeStubHandlers({
        invoke: () => ({ cells: [], trace: [], reply: 'x'.repeat(300_000) }),
      });
      const result = await runDeployStateMachine(options(handlers));

      expect(dataOf(result.events.at(-1))).toMatchObject({
        errorCode: 'States.DataLimitExceeded',
        failedState: 'SmokeTest',
      });
    });
  });

  describe('when the run is aborted while it holds the lock', () => {
    it('finalises: records the failure, publishes Deploy Failed and releases the lock', async () => {
      const controller = new AbortController();
      const { handlers } = makeStubHandlers({
        harness: () => {
          controller.abort();
          return new Promise(() => {});
        },
      });
      const result = await runDeployStateMachine(options(handlers, { signal: controller.signal }));

      expect(result.status).toBe('ABORTED');
      expect(result.finalised).toBe(true);
      expect(result.events.map((event) => event.detailType)).toEqual(['Deploy Started', 'Deploy Failed']);
      expect(dataOf(result.events[1]).errorCode).toBe('ExecutionAborted');
      expectValidEvents(result.events);
      expect(await new LockStore({ documents: documents(), tableName }).getLock('team')).toBeNull();
    });
  });
});
