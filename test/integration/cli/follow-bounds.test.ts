import { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecutionNotFound, FollowTimedOut } from '../../../cli/target/errors.js';
import { findExecutions } from '../../../cli/target/find-executions.js';
import { followExecution } from '../../../cli/target/follow-execution.js';
import { pollOptions } from '../../../cli/target/poll-options.js';
import {
  type StepFunctionsEmulator,
  startStepFunctionsEmulator,
} from '../../../local/stepfunctions/index.js';
import { uploadEvent } from '../../support/upload-event.js';

const upload = (id: string, versionId: string) => uploadEvent({ id, project: 'team', versionId });

/** A clock that advances by each "sleep", so bounds are reached without waiting. */
function virtualClock() {
  let now = Date.now();
  const slept: number[] = [];
  return {
    slept,
    poll: pollOptions(
      {},
      {
        intervalMs: 2000,
        timeoutMs: 10_000,
        discoverTimeoutMs: 6000,
        now: () => now,
        sleep: async (ms) => {
          slept.push(ms);
          now += ms;
        },
      },
    ),
  };
}

describe('findExecutions and followExecution (the local Step Functions endpoint)', () => {
  let stepFunctions: StepFunctionsEmulator;
  let sfn: SFNClient;
  beforeAll(async () => {
    stepFunctions = await startStepFunctionsEmulator();
    sfn = new SFNClient({
      endpoint: stepFunctions.endpoint,
      region: 'us-west-2',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
  });
  afterAll(async () => {
    sfn.destroy();
    await stepFunctions.stop();
  });

  it('returns the execution whose input is the uploaded version, not an older upload of the same key', async () => {
    const at = Date.now();
    stepFunctions.startExecution(upload('e-old', 'v1'));
    stepFunctions.startExecution(upload('e-new', 'v2'));
    const { poll } = virtualClock();
    const found = await findExecutions({
      sfn,
      stateMachineArn: stepFunctions.stateMachineArn,
      match: { detailType: 'Object Created', key: 'drops/team.zip', versionId: 'v2' },
      at,
      poll,
    });
    expect(found.map((execution) => execution.input.id)).toEqual(['e-new']);
  });

  it('throws ExecutionNotFound after the discovery bound, polling at the interval', async () => {
    const clock = virtualClock();
    const search = findExecutions({
      sfn,
      stateMachineArn: stepFunctions.stateMachineArn,
      match: { detailType: 'Redeploy Requested', eventId: 'never-published' },
      at: Date.now(),
      poll: clock.poll,
    });
    await expect(search).rejects.toBeInstanceOf(ExecutionNotFound);
    expect(clock.slept).toEqual([2000, 2000, 2000]);
  });

  it('throws FollowTimedOut for an execution still running after the follow bound', async () => {
    const event = upload('e-running', 'v3');
    const recorder = stepFunctions.startExecution(event);
    recorder.onEvent({ kind: 'state-entered', state: 'Plan', stateType: 'Task', at: Date.now() });
    const [execution] = await findExecutions({
      sfn,
      stateMachineArn: stepFunctions.stateMachineArn,
      match: { detailType: 'Object Created', key: 'drops/team.zip', versionId: 'v3' },
      at: Date.now(),
      poll: virtualClock().poll,
    });
    const seen: string[] = [];
    const clock = virtualClock();
    await expect(
      followExecution(sfn, execution!.executionArn, clock.poll, (progress) => seen.push(progress.kind)),
    ).rejects.toBeInstanceOf(FollowTimedOut);
    expect([seen, clock.slept.length]).toEqual([['state-entered'], 5]);
  });
});
