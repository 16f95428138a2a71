import { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionHistoryReader } from '../../../functions/finalize/read-execution-history.js';
import { ExecutionStatus } from '../../../local/runner/index.js';
import {
  type StepFunctionsEmulator,
  startStepFunctionsEmulator,
} from '../../../local/stepfunctions/index.js';
import { uploadEvent } from '../../support/upload-event.js';
import { clientBase } from '../local/support.js';

const upload = uploadEvent();

/** The finalizer's AWS history reader, through the real SFN client against the local Step Functions API. */
describe('executionHistoryReader', () => {
  let emulator: StepFunctionsEmulator;
  let sfn: SFNClient;
  beforeAll(async () => {
    emulator = await startStepFunctionsEmulator();
    sfn = new SFNClient(clientBase(emulator.endpoint));
  });
  afterAll(async () => {
    sfn.destroy();
    await emulator.stop();
  });

  /** Records a run that entered `states` (each with its input) and exited `exited`, then was aborted. */
  function abortedRun(states: readonly [string, unknown][], exited: readonly string[]): string {
    const recorder = emulator.startExecution({ ...upload, id: `event-${states.length}-${exited.length}` });
    let at = Date.now();
    for (const [state, input] of states) {
      recorder.onEvent({ kind: 'state-entered', state, stateType: 'Task', at: at++, input });
      if (exited.includes(state))
        recorder.onEvent({ kind: 'state-exited', state, stateType: 'Task', at: at++, durationMs: 1 });
    }
    recorder.finish({
      status: ExecutionStatus.Aborted,
      output: null,
      executionArn: recorder.record.executionArn,
      transitions: states.length,
      durationMs: 1,
      events: [],
      finalised: false,
    });
    return recorder.record.executionArn;
  }

  it('reads the last state entered with its input, and that no outcome was published', async () => {
    const arn = abortedRun(
      [
        ['Plan', { ...upload }],
        ['WaitForHarness', { plan: { project: 'a', deployId: 'D1' } }],
      ],
      ['Plan'],
    );
    expect(await executionHistoryReader(sfn)(arn)).toEqual({
      outcomePublished: false,
      lastDocument: { plan: { project: 'a', deployId: 'D1' } },
      lastState: 'WaitForHarness',
    });
  });

  it('sees an outcome publish that exited before the run ended', async () => {
    const arn = abortedRun(
      [
        ['RecordFailure', {}],
        ['PublishDeployFailed', { recorded: { detailType: 'Deploy Failed' } }],
        ['RequestRedeployAfterFailure', {}],
      ],
      ['RecordFailure', 'PublishDeployFailed'],
    );
    const history = await executionHistoryReader(sfn)(arn);
    expect([history.outcomePublished, history.lastState]).toEqual([true, 'RequestRedeployAfterFailure']);
  });
});
