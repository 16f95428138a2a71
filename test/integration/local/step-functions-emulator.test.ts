import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followExecution, readHistory } from '../../../cli/target/follow-execution.js';
import { pollOptions } from '../../../cli/target/poll-options.js';
import { readRunSteps, runStepsOf } from '../../../cli/target/run-steps.js';
import { ExecutionStatus } from '../../../local/runner/index.js';
import {
  type StepFunctionsEmulator,
  startStepFunctionsEmulator,
} from '../../../local/stepfunctions/index.js';
import { KeptExecutions } from '../../../local/stepfunctions/kept-executions.js';
import { uploadEvent } from '../../support/upload-event.js';
import { clientBase } from './support.js';

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

    it('gives the run report no steps (null), not an error', async () => {
      const target = { executionHistory: (executionArn: string) => readHistory(sfn, executionArn) };
      const gone = `${emulator.stateMachineArn.replace('stateMachine', 'execution')}:nope`;
      expect(await readRunSteps(target, gone)).toBeNull();
    });
  });

  describe('with a history directory', () => {
    const succeeded = (executionArn: string) => ({
      status: ExecutionStatus.Succeeded,
      output: null,
      executionArn,
      transitions: 1,
      durationMs: 1,
      events: [],
      finalised: false,
    });

    it('answers for closed executions after a restart, keeping the newest only', async () => {
      const historyDir = await mkdtemp(join(tmpdir(), 'agentdrop-sfn-history-'));
      try {
        const first = await startStepFunctionsEmulator({ historyDir });
        const names: string[] = [];
        for (let index = 0; index <= KeptExecutions; index++) {
          const recorder = first.startExecution(
            { ...upload, id: `event-${index}` },
            `run-${String(index).padStart(3, '0')}`,
          );
          recorder.onEvent({ kind: 'state-entered', state: 'Plan', stateType: 'Task', at: 1_000 + index });
          recorder.onEvent({
            kind: 'state-exited',
            state: 'Plan',
            stateType: 'Task',
            at: 1_005 + index,
            durationMs: 5,
          });
          recorder.finish(succeeded(recorder.record.executionArn));
          names.push(recorder.record.executionArn);
        }
        first.startExecution({ ...upload, id: 'still-running' }, 'running');
        // The running server forgets what the archive no longer keeps, as a restarted one would.
        const live = new SFNClient(clientBase(first.endpoint));
        await expect(
          live.send(new DescribeExecutionCommand({ executionArn: names[0] })),
        ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
        live.destroy();
        await first.stop();
        expect((await readdir(historyDir)).length).toBe(KeptExecutions);

        const second = await startStepFunctionsEmulator({ historyDir });
        const client = new SFNClient(clientBase(second.endpoint));
        try {
          const newest = names.at(-1) ?? '';
          const history = await client.send(new GetExecutionHistoryCommand({ executionArn: newest }));
          expect(runStepsOf(history.events ?? []).map((step) => [step.state, step.durationMs])).toEqual([
            ['Plan', 5],
          ]);
          const described = await client.send(new DescribeExecutionCommand({ executionArn: newest }));
          expect(described.status).toBe('SUCCEEDED');
          await expect(
            client.send(new DescribeExecutionCommand({ executionArn: names[0] ?? '' })),
          ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
          const listed = await client.send(
            new ListExecutionsCommand({ stateMachineArn: second.stateMachineArn, maxResults: 1000 }),
          );
          expect(listed.executions?.some((execution) => execution.name === 'running')).toBe(false);
        } finally {
          client.destroy();
          await second.stop();
        }
      } finally {
        await rm(historyDir, { recursive: true, force: true });
      }
    });
  });
});
