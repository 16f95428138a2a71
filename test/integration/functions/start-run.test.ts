import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStartRun } from '../../../functions/start/start-run.js';
import type { ExecutionRecorder } from '../../../local/stepfunctions/index.js';
import {
  type StepFunctionsEmulator,
  startStepFunctionsEmulator,
} from '../../../local/stepfunctions/index.js';

describe('the starter (target of the drop and redeploy rules)', () => {
  let emulator: StepFunctionsEmulator;
  let sfn: SFNClient;
  const started: ExecutionRecorder[] = [];
  beforeAll(async () => {
    emulator = await startStepFunctionsEmulator({ run: (recorder) => started.push(recorder) });
    sfn = new SFNClient({
      endpoint: emulator.endpoint,
      region: 'us-west-2',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
  });
  afterAll(async () => {
    sfn.destroy();
    await emulator.stop();
  });

  it('starts one execution named <project>-<deploy id> whose input is the raw event', async () => {
    const event = {
      id: 'event-7',
      'detail-type': 'Object Created',
      detail: { bucket: { name: 'drops' }, object: { key: 'drops/team.zip', 'version-id': 'v1' } },
    };
    const startRun = createStartRun({
      sfn,
      stateMachineArn: emulator.stateMachineArn,
      now: () => new Date('2026-12-04T20:00:00Z'),
    });
    const run = await startRun(event);
    expect(run.name).toMatch(/^team-[0-9A-Z]{26}$/);
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: run.executionArn }));
    expect([described.name, JSON.parse(described.input ?? 'null')]).toEqual([run.name, event]);
    expect(started.map((recorder) => recorder.record.name)).toEqual([run.name]);
  });
});
