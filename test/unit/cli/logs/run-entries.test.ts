import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { runLogOf } from '../../../../cli/logs/index.js';

const t0 = Date.UTC(2026, 0, 2, 12, 0, 0);
let id = 0;
const event = (ms: number, type: string, details: Partial<HistoryEvent> = {}): HistoryEvent =>
  ({ id: ++id, timestamp: new Date(t0 + ms), type, ...details }) as HistoryEvent;

describe('runLogOf', () => {
  it("turns a run's history into its states in order, its span and the build it ran", () => {
    id = 0;
    const history = [
      event(0, 'ExecutionStarted'),
      event(1, 'TaskStateEntered', { stateEnteredEventDetails: { name: 'BuildImage', input: '{}' } }),
      event(900, 'TaskStateExited', { stateExitedEventDetails: { name: 'BuildImage' } }),
      event(901, 'TaskStateEntered', {
        stateEnteredEventDetails: {
          name: 'DeployRuntime',
          input: JSON.stringify({ build: { buildId: 'agentdrop-runtime-image:abc-123' } }),
        },
      }),
      event(950, 'TaskFailed', {
        taskFailedEventDetails: { error: 'Lambda.Unknown', resourceType: 'lambda', resource: 'invoke' },
      }),
      event(951, 'TaskStateExited', { stateExitedEventDetails: { name: 'DeployRuntime' } }),
      event(1000, 'ExecutionFailed', { executionFailedEventDetails: { error: 'E', cause: 'c' } }),
    ];
    const run = runLogOf(history);
    expect(run.entries.map((entry) => [entry.at - t0, entry.source, entry.message])).toEqual([
      [1, 'run', 'BuildImage entered (Task)'],
      [900, 'run', 'BuildImage exited after 899 ms'],
      [901, 'run', 'DeployRuntime entered (Task)'],
      [950, 'run', 'DeployRuntime failed: Lambda.Unknown'],
      [951, 'run', 'DeployRuntime exited after 50 ms'],
      [1000, 'run', 'run FAILED'],
    ]);
    expect(run).toMatchObject({
      startedAt: t0,
      lastEventAt: t0 + 1000,
      ended: true,
      buildId: 'agentdrop-runtime-image:abc-123',
    });
  });

  it('says a run without its closing event has not ended', () => {
    id = 0;
    expect(runLogOf([event(0, 'ExecutionStarted')])).toMatchObject({
      ended: false,
      buildId: null,
      entries: [],
    });
  });
});
