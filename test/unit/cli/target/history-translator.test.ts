import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { createHistoryTranslator } from '../../../../cli/target/history-translator.js';

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
const exited = (name: string, output = '{}') => ({ stateExitedEventDetails: { name, output } });

describe('createHistoryTranslator', () => {
  describe('with a run that plans, retries a throttled task and fails', () => {
    const events = history([
      [0, 'ExecutionStarted'],
      [1, 'TaskStateEntered', entered('Plan')],
      [2, 'TaskScheduled'],
      [40, 'TaskSucceeded'],
      [41, 'TaskStateExited', exited('Plan', JSON.stringify({ plan: { deployId: '01JDEPLOY' } }))],
      [42, 'ChoiceStateEntered', entered('RouteByDecision')],
      [42, 'ChoiceStateExited', exited('RouteByDecision')],
      [50, 'TaskStateEntered', entered('CreateOrUpdateHarness')],
      [51, 'TaskScheduled'],
      [60, 'TaskFailed', { taskFailedEventDetails: { error: 'AgentCoreThrottled', cause: '{}' } }],
      [70, 'TaskScheduled'],
      [80, 'TaskFailed', { taskFailedEventDetails: { error: 'ResourceFailed', cause: '{}' } }],
      [90, 'TaskStateEntered', entered('RecordFailure')],
      [95, 'TaskStateExited', exited('RecordFailure')],
      [96, 'FailStateEntered', entered('FailDeploy')],
      [97, 'ExecutionFailed', { executionFailedEventDetails: { error: 'ResourceFailed', cause: 'boom' } }],
    ]);

    it('returns the progress events the local runner emits, and the deploy id, transitions and end', () => {
      const translator = createHistoryTranslator();
      const out = events.flatMap((event) => translator.push(event));
      const at = (ms: number) => 1_000_000 + ms;
      expect(out).toEqual([
        { kind: 'state-entered', state: 'Plan', stateType: 'Task', at: at(1) },
        { kind: 'state-exited', state: 'Plan', stateType: 'Task', at: at(41), durationMs: 40 },
        { kind: 'state-entered', state: 'RouteByDecision', stateType: 'Choice', at: at(42) },
        { kind: 'state-exited', state: 'RouteByDecision', stateType: 'Choice', at: at(42), durationMs: 0 },
        { kind: 'state-entered', state: 'CreateOrUpdateHarness', stateType: 'Task', at: at(50) },
        { kind: 'state-retried', state: 'CreateOrUpdateHarness', attempt: 1, at: at(70) },
        { kind: 'state-failed', state: 'CreateOrUpdateHarness', error: 'ResourceFailed', at: at(80) },
        { kind: 'state-entered', state: 'RecordFailure', stateType: 'Task', at: at(90) },
        { kind: 'state-exited', state: 'RecordFailure', stateType: 'Task', at: at(95), durationMs: 5 },
        { kind: 'state-entered', state: 'FailDeploy', stateType: 'Fail', at: at(96) },
        { kind: 'execution-finished', status: 'FAILED', at: at(97) },
      ]);
      expect([translator.deployId, translator.transitions, translator.lastEventId]).toEqual([
        '01JDEPLOY',
        5,
        16,
      ]);
      expect(translator.finished).toEqual({
        status: 'FAILED',
        at: at(97),
        error: { error: 'ResourceFailed', cause: 'boom' },
      });
    });

    it('returns nothing for events it has already seen (a poll re-reads the whole history)', () => {
      const translator = createHistoryTranslator();
      const first = events.slice(0, 5).flatMap((event) => translator.push(event));
      const again = events.flatMap((event) => translator.push(event));
      expect(first).toHaveLength(2);
      expect(again[0]).toEqual({
        kind: 'state-entered',
        state: 'RouteByDecision',
        stateType: 'Choice',
        at: 1_000_042,
      });
    });
  });

  describe('with an aborted run', () => {
    it('returns the running task as failed and the execution as ABORTED', () => {
      const translator = createHistoryTranslator();
      const out = history([
        [0, 'TaskStateEntered', entered('BuildImage')],
        [5, 'TaskStateAborted', { stateExitedEventDetails: { name: 'BuildImage' } }],
        [6, 'ExecutionAborted', { executionAbortedEventDetails: {} }],
      ]).flatMap((event) => translator.push(event));
      expect(out.slice(1)).toEqual([
        { kind: 'state-failed', state: 'BuildImage', error: 'States.Aborted', at: 1_000_005 },
        { kind: 'execution-finished', status: 'ABORTED', at: 1_000_006 },
      ]);
      expect(translator.finished).toEqual({ status: 'ABORTED', at: 1_000_006 });
    });
  });

  describe('with a succeeded run whose Plan output was not recorded', () => {
    it('returns the deploy id from the execution output', () => {
      const translator = createHistoryTranslator();
      for (const event of history([
        [0, 'SucceedStateEntered', entered('DeploySucceeded')],
        [
          1,
          'ExecutionSucceeded',
          { executionSucceededEventDetails: { output: '{"plan":{"deployId":"01JOUT"}}' } },
        ],
      ]))
        translator.push(event);
      expect([translator.deployId, translator.finished?.status]).toEqual(['01JOUT', 'SUCCEEDED']);
    });
  });
});
