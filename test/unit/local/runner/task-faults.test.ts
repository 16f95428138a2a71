import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCallRecorder, createFaultInjector } from '../../../../local/faults/index.js';
import { type RunnerEvent, runDeployStateMachine } from '../../../../local/runner/index.js';
import { makeRunOptions, type RunnerFixture, startRunnerFixture } from './runner-fixture.js';
import { makeStubHandlers } from './stub-handlers.js';

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

/** Runs the stub pipeline with Lambda faults and returns what the stubs saw, the failures and the recording. */
async function runWithTaskFault(
  state: string,
  kind: 'lambda_service_exception' | 'lambda_crash' | 'throttle',
) {
  const recorder = createCallRecorder();
  const faults = createFaultInjector({ service: 'lambda', recorder });
  faults.set(state, { kind });
  const { handlers, calls } = makeStubHandlers({});
  const failures: string[] = [];
  const result = await runDeployStateMachine(
    makeRunOptions(fixture, tableName, handlers, {
      tasks: {
        faults,
        onTaskStart: (name) => recorder.enterState(name),
        onTaskEnd: (name) => recorder.exitState(name),
      },
      onEvent: (event: RunnerEvent) => {
        if (event.kind === 'state-failed') failures.push(`${event.state}: ${event.error}`);
      },
    }),
  );
  return { result, calls, failures, recorded: recorder.calls() };
}

describe('runDeployStateMachine with Lambda task faults', () => {
  describe('when the invoke fails with Lambda.ServiceException', () => {
    it('fails the state before the function runs, once per count', async () => {
      const { calls, failures, recorded } = await runWithTaskFault(
        'CreateOrUpdateHarness',
        'lambda_service_exception',
      );
      expect(failures[0]).toBe('CreateOrUpdateHarness: Lambda.ServiceException');
      // The retry (if any) is the only deploy call: the faulted attempt never reached the function.
      expect(calls.harness.filter((call) => call.action === 'deploy').length).toBe(
        failures.length === 1 ? 1 : 0,
      );
      expect(recorded.filter((call) => call.operation === 'CreateOrUpdateHarness')[0]).toEqual({
        seq: expect.any(Number),
        service: 'lambda',
        operation: 'CreateOrUpdateHarness',
        state: 'CreateOrUpdateHarness',
        fault: 'lambda_service_exception',
        caller: null,
      });
    });
  });

  describe('when the function crashes after its work', () => {
    it('runs the function (side effects land), then fails the state with Lambda.Unknown', async () => {
      const { calls, failures } = await runWithTaskFault('SmokeTest', 'lambda_crash');
      expect(calls.invoke.length).toBeGreaterThanOrEqual(1);
      expect(failures[0]).toBe('SmokeTest: Lambda.Unknown');
    });
  });

  describe('when the invoke is throttled', () => {
    it('fails the state with Lambda.TooManyRequestsException before the function runs', async () => {
      const { calls, failures } = await runWithTaskFault('Plan', 'throttle');
      expect(failures[0]).toBe('Plan: Lambda.TooManyRequestsException');
      expect(calls.plan.filter((call) => call.action === 'plan').length).toBe(failures.length === 1 ? 1 : 0);
    });
  });

  describe('when a fault skips the first invocations', () => {
    it('faults the invocation after the skipped ones and tags every call with its state', async () => {
      const recorder = createCallRecorder();
      const faults = createFaultInjector({ service: 'lambda', recorder });
      faults.set('GetHarnessStatus', { kind: 'lambda_service_exception', after: 1 });
      const resource = {
        name: 'agentdrop_team',
        id: 'h-1',
        arn: 'arn:aws:bedrock-agentcore:us-west-2:000000000000:harness/h-1',
        version: '1',
      };
      let statusCalls = 0;
      const { handlers } = makeStubHandlers({
        harness: (event) => {
          if (event.action !== 'status') {
            return { resource, status: 'CREATING', failureReason: null, attempt: 0, delaySeconds: 5 };
          }
          statusCalls += 1;
          const status = statusCalls === 1 ? 'CREATING' : 'READY';
          return { resource, status, failureReason: null, attempt: statusCalls, delaySeconds: 5 };
        },
      });
      await runDeployStateMachine(
        makeRunOptions(fixture, tableName, handlers, {
          tasks: {
            faults,
            onTaskStart: (name) => recorder.enterState(name),
            onTaskEnd: (name) => recorder.exitState(name),
          },
        }),
      );
      const status = recorder.calls().filter((call) => call.operation === 'GetHarnessStatus');
      expect(status.map((call) => call.fault)).toEqual([null, 'lambda_service_exception', null]);
      expect(faults.pending()).toEqual({});
      expect(recorder.calls().every((call) => call.state === call.operation)).toBe(true);
    });
  });
});
