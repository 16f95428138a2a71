import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { type RunStep, runStepsOf } from '../../../../cli/target/run-steps.js';

/** A history as GetExecutionHistory returns it: ids from 1, timestamps from t0 in milliseconds. */
function history(events: readonly (readonly [number, string, Record<string, unknown>?])[]): HistoryEvent[] {
  return events.map(([ms, type, details], index) => ({
    id: index + 1,
    timestamp: new Date(1_000_000 + ms),
    type,
    ...details,
  })) as HistoryEvent[];
}

const entered = (name: string) => ({ stateEnteredEventDetails: { name, input: '{}' } });
const exited = (name: string) => ({ stateExitedEventDetails: { name, output: '{}' } });
const lambda = (name: string) => ({
  taskScheduledEventDetails: {
    resourceType: 'lambda',
    resource: 'invoke',
    parameters: JSON.stringify({
      FunctionName: `arn:aws:lambda:us-west-2:123456789012:function:${name}`,
      Payload: {},
    }),
  },
});
const build = {
  Build: { Id: 'AgentDropBuild:6f1c', Logs: { GroupName: 'AgentDrop-BuildLogs-Q1', DeepLink: 'https://x' } },
};

function step(overrides: Partial<RunStep>): RunStep {
  return {
    state: 'Plan',
    stateType: 'Task',
    enteredAt: 1_000_001,
    durationMs: 39,
    outcome: 'succeeded',
    retries: 0,
    error: null,
    task: null,
    ...overrides,
  };
}

describe('runStepsOf', () => {
  describe('with a run that builds, retries a throttled task, is caught and fails', () => {
    const events = history([
      [0, 'ExecutionStarted'],
      [1, 'TaskStateEntered', entered('Plan')],
      [2, 'TaskScheduled', lambda('AgentDropPlan-Xy')],
      [39, 'TaskSucceeded'],
      [40, 'TaskStateExited', exited('Plan')],
      [41, 'ChoiceStateEntered', entered('RouteByMode')],
      [41, 'ChoiceStateExited', exited('RouteByMode')],
      [42, 'TaskStateEntered', entered('BuildImage')],
      [
        43,
        'TaskScheduled',
        {
          taskScheduledEventDetails: {
            resourceType: 'codebuild',
            resource: 'startBuild.sync',
            parameters: '{"ProjectName":"AgentDropBuild"}',
          },
        },
      ],
      [900, 'TaskSucceeded', { taskSucceededEventDetails: { output: JSON.stringify(build) } }],
      [901, 'TaskStateExited', exited('BuildImage')],
      [910, 'TaskStateEntered', entered('CreateOrUpdateRuntime')],
      [911, 'TaskScheduled', lambda('AgentDropRuntime-Q')],
      [920, 'TaskFailed', { taskFailedEventDetails: { error: 'AgentCoreThrottled', cause: '{}' } }],
      [930, 'TaskScheduled', lambda('AgentDropRuntime-Q')],
      [940, 'TaskFailed', { taskFailedEventDetails: { error: 'ResourceFailed', cause: '{}' } }],
      [950, 'TaskStateEntered', entered('RecordFailure')],
      [960, 'TaskStateExited', exited('RecordFailure')],
      [961, 'FailStateEntered', entered('FailDeploy')],
      [962, 'ExecutionFailed', { executionFailedEventDetails: { error: 'ResourceFailed', cause: 'boom' } }],
    ]);

    it('returns one step per state entered with its duration, outcome, retries, error and task', () => {
      expect(runStepsOf(events)).toEqual([
        step({ task: { kind: 'lambda', functionName: 'AgentDropPlan-Xy' } }),
        step({ state: 'RouteByMode', stateType: 'Choice', enteredAt: 1_000_041, durationMs: 0 }),
        step({
          state: 'BuildImage',
          enteredAt: 1_000_042,
          durationMs: 859,
          task: {
            kind: 'codebuild',
            projectName: 'AgentDropBuild',
            buildId: 'AgentDropBuild:6f1c',
            logGroupName: 'AgentDrop-BuildLogs-Q1',
          },
        }),
        step({
          state: 'CreateOrUpdateRuntime',
          enteredAt: 1_000_910,
          durationMs: 40,
          outcome: 'failed',
          retries: 1,
          error: 'ResourceFailed',
          task: { kind: 'lambda', functionName: 'AgentDropRuntime-Q' },
        }),
        step({ state: 'RecordFailure', enteredAt: 1_000_950, durationMs: 10 }),
        step({
          state: 'FailDeploy',
          stateType: 'Fail',
          enteredAt: 1_000_961,
          durationMs: 1,
          outcome: 'failed',
          error: 'ResourceFailed',
        }),
      ]);
    });
  });

  it('leaves the state a running execution is in open', () => {
    const steps = runStepsOf(
      history([
        [0, 'ExecutionStarted'],
        [5, 'WaitStateEntered', entered('WaitForRuntime')],
      ]),
    );
    expect(steps).toEqual([
      step({
        state: 'WaitForRuntime',
        stateType: 'Wait',
        enteredAt: 1_000_005,
        durationMs: null,
        outcome: 'running',
      }),
    ]);
  });
});
