import {
  CreateAgentRuntimeCommand,
  CreateHarnessCommand,
  GetAgentRuntimeCommand,
  GetHarnessCommand,
  InternalServerException,
  ListAgentRuntimesCommand,
  UpdateAgentRuntimeCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { afterEach, describe, expect, it } from 'vitest';
import { armImage, type EmulatorFixture, RoleArn, startFixture } from './emulator-fixture.js';

const artifact = { containerConfiguration: { containerUri: armImage } };

describe('startAgentCoreEmulator — faults and persistence', () => {
  let f: EmulatorFixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  const create = (fixture: EmulatorFixture, name: string) =>
    fixture.control.send(
      new CreateAgentRuntimeCommand({
        agentRuntimeName: name,
        roleArn: RoleArn,
        agentRuntimeArtifact: artifact,
      }),
    );

  describe('when an operation is throttled once', () => {
    it('answers 429 ThrottlingException, which the SDK retries to success', async () => {
      f = await startFixture({}, { maxAttempts: 3 });
      f.emulator.faults.set('ListAgentRuntimes', { kind: 'throttle', count: 1 });
      const out = await f.control.send(new ListAgentRuntimesCommand({}));
      expect(out.$metadata.attempts).toBe(2);
      expect(f.emulator.calls().map((c) => [c.operation, c.status, c.errorType])).toEqual([
        ['ListAgentRuntimes', 429, 'ThrottlingException'],
        ['ListAgentRuntimes', 200, undefined],
      ]);
    });
  });

  describe('when an operation fails on the server', () => {
    it('answers 500 InternalServerException', async () => {
      f = await startFixture();
      f.emulator.faults.set('CreateAgentRuntime', { kind: 'server_error' });
      const error = await create(f, 'boom').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InternalServerException);
      expect(error).toMatchObject({ $fault: 'server', $metadata: { httpStatusCode: 500 } });
      expect((await f.control.send(new ListAgentRuntimesCommand({}))).agentRuntimes).toEqual([]);
    });
  });

  describe('when create_failed, update_failed and slow_ready are injected', () => {
    it('ends CREATE_FAILED / UPDATE_FAILED with the reason, and keeps CREATING for the extra delay', async () => {
      f = await startFixture();
      f.emulator.faults.set('CreateAgentRuntime', { kind: 'create_failed', reason: 'Image pull failed.' });
      const failed = await create(f, 'failed');
      const got = await f.control.send(new GetAgentRuntimeCommand({ agentRuntimeId: failed.agentRuntimeId }));
      expect([got.status, got.failureReason]).toEqual(['CREATE_FAILED', 'Image pull failed.']);

      const ok = await create(f, 'ok');
      f.emulator.faults.set('UpdateAgentRuntime', { kind: 'update_failed' });
      await f.control.send(
        new UpdateAgentRuntimeCommand({
          agentRuntimeId: ok.agentRuntimeId,
          roleArn: RoleArn,
          agentRuntimeArtifact: artifact,
        }),
      );
      const updated = await f.control.send(new GetAgentRuntimeCommand({ agentRuntimeId: ok.agentRuntimeId }));
      expect(updated.status).toBe('UPDATE_FAILED');
      expect(updated.failureReason).toContain('update_failed');

      f.emulator.faults.set('CreateHarness', { kind: 'slow_ready', delayMs: 30 });
      const harness = await f.control.send(
        new CreateHarnessCommand({ harnessName: 'slow', executionRoleArn: RoleArn }),
      );
      const harnessId = harness.harness!.harnessId;
      expect((await f.control.send(new GetHarnessCommand({ harnessId }))).harness?.status).toBe('CREATING');
      f.advance(30);
      expect((await f.control.send(new GetHarnessCommand({ harnessId }))).harness?.status).toBe('READY');
    });
  });

  describe('when the emulator restarts on the same data directory', () => {
    it('reloads runtimes, harnesses and pending transitions', async () => {
      const first = await startFixture({ delays: { createMs: 30 } });
      const runtime = await create(first, 'kept');
      const harness = await first.control.send(
        new CreateHarnessCommand({ harnessName: 'kept', executionRoleArn: RoleArn }),
      );
      await first.close(true);
      f = await startFixture({ dataDir: first.dataDir, delays: { createMs: 30 } }, { clock: first.clock });
      const again = await f.control.send(
        new GetAgentRuntimeCommand({ agentRuntimeId: runtime.agentRuntimeId }),
      );
      expect(again.agentRuntimeArn).toBe(runtime.agentRuntimeArn);
      f.advance(30);
      expect(
        (await f.control.send(new GetAgentRuntimeCommand({ agentRuntimeId: runtime.agentRuntimeId }))).status,
      ).toBe('READY');
      const h = await f.control.send(new GetHarnessCommand({ harnessId: harness.harness!.harnessId }));
      expect(h.harness?.status).toBe('READY');
    });
  });
});
