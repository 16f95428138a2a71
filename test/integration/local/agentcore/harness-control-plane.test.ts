import {
  ConflictException,
  CreateHarnessCommand,
  CreateHarnessEndpointCommand,
  DeleteHarnessCommand,
  DeleteHarnessEndpointCommand,
  GetHarnessCommand,
  GetHarnessEndpointCommand,
  type HarnessToolType,
  ListHarnessEndpointsCommand,
  ListHarnessesCommand,
  ListHarnessVersionsCommand,
  ResourceNotFoundException,
  UpdateHarnessCommand,
  UpdateHarnessEndpointCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliberatelyInvalid } from '../../../support/deliberately-invalid.js';
import { type EmulatorFixture, RoleArn, startFixture } from './emulator-fixture.js';

const Delay = 20;
const mcp = {
  type: 'remote_mcp' as const,
  name: 'docs',
  config: { remoteMcp: { url: 'https://example.com/mcp' } },
};

describe('startAgentCoreEmulator — Harness control plane', () => {
  let f: EmulatorFixture;
  beforeEach(async () => {
    f = await startFixture({ delays: { createMs: Delay, updateMs: Delay, deleteMs: Delay } });
  });
  afterEach(async () => {
    await f.close();
  });

  describe('when a harness is created, patched and deleted', () => {
    it('keeps omitted members, replaces lists, honours optionalValue wrappers and versions each update', async () => {
      const created = await f.control.send(
        new CreateHarnessCommand({
          harnessName: 'helper',
          executionRoleArn: RoleArn,
          systemPrompt: [{ text: 'Be brief.' }],
          tools: [mcp],
          skills: [{ s3: { uri: 's3://artifacts/skills/helper/abc/notes/' } }],
          memory: { disabled: {} },
          tags: { 'agentdrop:stack': 'dev' },
        }),
      );
      const harness = created.harness!;
      expect(harness).toMatchObject({ harnessName: 'helper', status: 'CREATING', harnessVersion: '1' });
      expect(harness.arn).toBe(
        `arn:aws:bedrock-agentcore:us-west-2:000000000000:harness/${harness.harnessId}`,
      );
      expect(harness.environment?.agentCoreRuntimeEnvironment?.agentRuntimeArn).toMatch(
        /:runtime\/harness_helper-/,
      );
      f.advance(Delay);

      const patched = await f.control.send(
        new UpdateHarnessCommand({
          harnessId: harness.harnessId,
          tools: [],
          memory: { optionalValue: { managedMemoryConfiguration: { eventExpiryDuration: 7 } } },
        }),
      );
      expect(patched.harness).toMatchObject({ status: 'UPDATING', harnessVersion: '2', tools: [] });
      f.advance(Delay);
      const got = (await f.control.send(new GetHarnessCommand({ harnessId: harness.harnessId }))).harness!;
      expect(got).toMatchObject({
        status: 'READY',
        harnessVersion: '2',
        systemPrompt: [{ text: 'Be brief.' }],
        skills: [{ s3: { uri: 's3://artifacts/skills/helper/abc/notes/' } }],
        tools: [],
      });
      expect(got.memory?.managedMemoryConfiguration).toMatchObject({
        eventExpiryDuration: 7,
        strategies: ['SEMANTIC', 'SUMMARIZATION'],
      });
      const v1 = (
        await f.control.send(new GetHarnessCommand({ harnessId: harness.harnessId, harnessVersion: '1' }))
      ).harness!;
      expect(v1.memory).toEqual({ disabled: {} });
      expect(v1.tools).toEqual([mcp]);

      await f.control.send(
        new UpdateHarnessCommand({ harnessId: harness.harnessId, memory: { optionalValue: undefined } }),
      );
      f.advance(Delay);
      const cleared = (await f.control.send(new GetHarnessCommand({ harnessId: harness.harnessId })))
        .harness!;
      expect(cleared.memory?.managedMemoryConfiguration?.strategies).toEqual(['SEMANTIC', 'SUMMARIZATION']);
      expect(cleared.memory?.managedMemoryConfiguration?.eventExpiryDuration).toBe(30);

      const versions = await f.control.send(new ListHarnessVersionsCommand({ harnessId: harness.harnessId }));
      expect(versions.harnessVersions?.map((v) => [v.harnessVersion, v.status])).toEqual([
        ['3', 'READY'],
        ['2', 'READY'],
        ['1', 'READY'],
      ]);
      const list = await f.control.send(new ListHarnessesCommand({}));
      expect(list.harnesses?.map((h) => [h.harnessName, h.harnessVersion, h.status])).toEqual([
        ['helper', '3', 'READY'],
      ]);

      const deleted = await f.control.send(new DeleteHarnessCommand({ harnessId: harness.harnessId }));
      expect(deleted.harness?.status).toBe('DELETING');
      f.advance(Delay);
      await expect(
        f.control.send(new GetHarnessCommand({ harnessId: harness.harnessId })),
      ).rejects.toBeInstanceOf(ResourceNotFoundException);
    });
  });

  describe('when named endpoints point at versions', () => {
    it('creates, moves and deletes an endpoint, serving its target once READY', async () => {
      const created = await f.control.send(
        new CreateHarnessCommand({ harnessName: 'pinned', executionRoleArn: RoleArn }),
      );
      const harnessId = created.harness!.harnessId!;
      f.advance(Delay);
      await f.control.send(new UpdateHarnessCommand({ harnessId, maxIterations: 5 }));
      f.advance(Delay);
      const endpoint = await f.control.send(
        new CreateHarnessEndpointCommand({
          harnessId,
          endpointName: 'prod',
          targetVersion: '1',
          description: 'stable',
        }),
      );
      expect(endpoint.endpoint).toMatchObject({
        harnessName: 'pinned',
        endpointName: 'prod',
        arn: `${created.harness!.arn}/harness-endpoint/prod`,
        status: 'CREATING',
        targetVersion: '1',
      });
      f.advance(Delay);
      await f.control.send(
        new UpdateHarnessEndpointCommand({ harnessId, endpointName: 'prod', targetVersion: '2' }),
      );
      const moving = await f.control.send(new GetHarnessEndpointCommand({ harnessId, endpointName: 'prod' }));
      expect([moving.endpoint?.status, moving.endpoint?.liveVersion, moving.endpoint?.targetVersion]).toEqual(
        ['UPDATING', '1', '2'],
      );
      f.advance(Delay);
      const listed = await f.control.send(new ListHarnessEndpointsCommand({ harnessId }));
      expect(listed.endpoints?.map((e) => [e.endpointName, e.status, e.liveVersion])).toEqual([
        ['prod', 'READY', '2'],
      ]);
      await expect(
        f.control.send(new CreateHarnessEndpointCommand({ harnessId, endpointName: 'DEFAULT' })),
      ).rejects.toBeInstanceOf(ValidationException);
      await expect(
        f.control.send(new CreateHarnessEndpointCommand({ harnessId, endpointName: 'prod' })),
      ).rejects.toBeInstanceOf(ConflictException);
      await f.control.send(new DeleteHarnessEndpointCommand({ harnessId, endpointName: 'prod' }));
      f.advance(Delay);
      await expect(
        f.control.send(new GetHarnessEndpointCommand({ harnessId, endpointName: 'prod' })),
      ).rejects.toBeInstanceOf(ResourceNotFoundException);
    });
  });

  describe('when the request is invalid or conflicts', () => {
    it('rejects a 41-character name, a bad tool type and a bad skill URI with ValidationException', async () => {
      const error = await f.control
        .send(
          new CreateHarnessCommand({
            harnessName: `h${'x'.repeat(40)}`,
            executionRoleArn: RoleArn,
            tools: [{ type: deliberatelyInvalid<HarnessToolType>('magic') }],
            skills: [{ s3: { uri: 'https://bucket/skill' } }],
          }),
        )
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationException);
      expect((error as ValidationException).fieldList?.map((p) => p.name)).toEqual([
        'harnessName',
        'tools.1.member.type',
        'skills.1.member.s3.uri',
      ]);
    });

    it('rejects a duplicate name with ConflictException and an unknown id with ResourceNotFoundException', async () => {
      await f.control.send(new CreateHarnessCommand({ harnessName: 'dup', executionRoleArn: RoleArn }));
      await expect(
        f.control.send(new CreateHarnessCommand({ harnessName: 'dup', executionRoleArn: RoleArn })),
      ).rejects.toBeInstanceOf(ConflictException);
      await expect(
        f.control.send(new UpdateHarnessCommand({ harnessId: 'dup-0123456789', maxIterations: 3 })),
      ).rejects.toBeInstanceOf(ResourceNotFoundException);
    });
  });
});
