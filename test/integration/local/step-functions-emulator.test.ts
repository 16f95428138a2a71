import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followExecution } from '../../../cli/target/follow-execution.js';
import { pollOptions } from '../../../cli/target/poll-options.js';
import { ExecutionStatus } from '../../../local/runner/index.js';
import {
  type ExecutionRecorder,
  KeptExecutions,
  type StepFunctionsEmulator,
  startStepFunctionsEmulator,
} from '../../../local/stepfunctions/index.js';
import { uploadEvent } from '../../support/upload-event.js';
import { clientBase, makeDataDir } from './support.js';

const upload = uploadEvent();

describe('startStepFunctionsEmulator', () => {
  let emulator: StepFunctionsEmulator;
  let sfn: SFNClient;

  beforeEach(async () => {
    emulator = await startStepFunctionsEmulator();
    sfn = new SFNClient(clientBase(emulator.endpoint));
  });
  afterEach(async () => {
    sfn.destroy();
    await emulator.stop();
  });

  describe('when a run is recorded', () => {
    it('lists it newest first and describes it, RUNNING and then closed', async () => {
      const first = emulator.startExecution(upload);
      const second = emulator.startExecution({ ...upload, id: 'event-2' });
      const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: emulator.stateMachineArn }));
      expect(listed.executions?.map((execution) => [execution.name, execution.status])).toEqual([
        [second.record.name, 'RUNNING'],
        [first.record.name, 'RUNNING'],
      ]);
      first.finish({
        status: ExecutionStatus.Failed,
        output: null,
        error: { error: 'BuildFailed', cause: 'exit 1' },
        executionArn: first.record.executionArn,
        transitions: 3,
        durationMs: 5,
        events: [],
        finalised: false,
      });
      const described = await sfn.send(
        new DescribeExecutionCommand({ executionArn: first.record.executionArn }),
      );
      expect({
        status: described.status,
        error: described.error,
        cause: described.cause,
        input: JSON.parse(described.input ?? 'null'),
        stopped: described.stopDate instanceof Date,
      }).toEqual({ status: 'FAILED', error: 'BuildFailed', cause: 'exit 1', input: upload, stopped: true });
    });

    it('serves a history the CLI follows as it follows an AWS execution', async () => {
      const recorder = emulator.startExecution(upload);
      const at = Date.now();
      recorder.onEvent({ kind: 'state-entered', state: 'Plan', stateType: 'Task', at });
      recorder.onEvent({ kind: 'state-failed', state: 'Plan', error: 'AgentCoreThrottled', at: at + 1 });
      recorder.onEvent({ kind: 'state-retried', state: 'Plan', attempt: 1, at: at + 2 });
      recorder.onEvent({ kind: 'state-exited', state: 'Plan', stateType: 'Task', at: at + 5, durationMs: 5 });
      recorder.onEvent({ kind: 'state-entered', state: 'Done', stateType: 'Succeed', at: at + 6 });
      recorder.onEvent({
        kind: 'state-exited',
        state: 'Done',
        stateType: 'Succeed',
        at: at + 6,
        durationMs: 0,
      });
      recorder.finish({
        status: ExecutionStatus.Succeeded,
        output: { plan: { deployId: 'D1' } },
        executionArn: recorder.record.executionArn,
        transitions: 2,
        durationMs: 7,
        events: [],
        finalised: false,
      });
      const seen: string[] = [];
      const followed = await followExecution(
        sfn,
        recorder.record.executionArn,
        pollOptions({}, { intervalMs: 10 }),
        (event) => seen.push(`${event.kind}${'state' in event ? ` ${event.state}` : ''}`),
      );
      expect({ ...followed, durationMs: followed.durationMs >= 0 }).toEqual({
        executionArn: recorder.record.executionArn,
        status: 'SUCCEEDED',
        transitions: 2,
        durationMs: true,
        deployId: 'D1',
      });
      expect(seen).toEqual([
        'state-entered Plan',
        'state-retried Plan',
        'state-exited Plan',
        'state-entered Done',
        'state-exited Done',
        'execution-finished',
      ]);
    });
  });

  describe('when asked for an execution it never ran', () => {
    it('rejects with ExecutionDoesNotExist', async () => {
      await expect(
        sfn.send(
          new GetExecutionHistoryCommand({
            executionArn: `${emulator.stateMachineArn.replace('stateMachine', 'execution')}:nope`,
          }),
        ),
      ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    });
  });
});

describe('startStepFunctionsEmulator with a data directory', () => {
  it('keeps the newest ended executions for the next process, not a running one', async () => {
    const data = makeDataDir();
    const ended = (recorder: ExecutionRecorder): void =>
      recorder.finish({
        status: ExecutionStatus.Succeeded,
        output: { done: true },
        executionArn: recorder.record.executionArn,
        transitions: 1,
        durationMs: 1,
        events: [],
        finalised: false,
      });
    const first = await startStepFunctionsEmulator({ dataDir: data.dataDir });
    const names: string[] = [];
    for (let index = 0; index <= KeptExecutions; index++) {
      const recorder = first.startExecution({ ...upload, id: `event-${index}` });
      recorder.onEvent({ kind: 'state-entered', state: 'Plan', stateType: 'Task', at: Date.now() });
      ended(recorder);
      names.push(recorder.record.name);
    }
    const running = first.startExecution({ ...upload, id: 'still-running' });
    await first.stop();

    const second = await startStepFunctionsEmulator({ dataDir: data.dataDir });
    const sfn = new SFNClient(clientBase(second.endpoint));
    try {
      const listed = await sfn.send(
        new ListExecutionsCommand({ stateMachineArn: second.stateMachineArn, maxResults: 1000 }),
      );
      expect(listed.executions?.map((execution) => execution.name)).toEqual(names.slice(1).reverse());
      const history = await sfn.send(
        new GetExecutionHistoryCommand({
          executionArn: `${second.stateMachineArn.replace(':stateMachine:', ':execution:')}:${names.at(-1)}`,
        }),
      );
      expect(history.events?.map((event) => event.type)).toEqual([
        'ExecutionStarted',
        'TaskStateEntered',
        'ExecutionSucceeded',
      ]);
      await expect(
        sfn.send(new DescribeExecutionCommand({ executionArn: running.record.executionArn })),
      ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    } finally {
      sfn.destroy();
      await second.stop();
      data.remove();
    }
  });
});
