import {
  ConflictException,
  CreateAgentRuntimeCommand,
  CreateAgentRuntimeEndpointCommand,
  DeleteAgentRuntimeCommand,
  GetAgentRuntimeCommand,
  GetAgentRuntimeEndpointCommand,
  ListAgentRuntimeEndpointsCommand,
  ListAgentRuntimesCommand,
  ListAgentRuntimeVersionsCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAgentRuntimeCommand,
  UpdateAgentRuntimeEndpointCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { amdImage, armImage, type EmulatorFixture, RoleArn, startFixture } from './emulator-fixture.js';

const Delay = 20;
const artifact = { containerConfiguration: { containerUri: armImage } };

describe('startAgentCoreEmulator — AgentRuntime control plane', () => {
  let f: EmulatorFixture;
  beforeEach(async () => {
    f = await startFixture({ delays: { createMs: Delay, updateMs: Delay, deleteMs: Delay } });
  });
  afterEach(async () => {
    await f.close();
  });

  const create = (name: string, extra: Record<string, unknown> = {}) =>
    f.control.send(
      new CreateAgentRuntimeCommand({
        agentRuntimeName: name,
        roleArn: RoleArn,
        agentRuntimeArtifact: artifact,
        ...extra,
      }),
    );

  describe('when a runtime is created, updated and deleted', () => {
    it('walks CREATING → READY → UPDATING → READY → DELETING → gone with versions and endpoints', async () => {
      const created = await create('echo', { tags: { 'agentdrop:stack': 'dev' }, description: 'echo agent' });
      expect(created).toMatchObject({ agentRuntimeVersion: '1', status: 'CREATING' });
      expect(created.agentRuntimeId).toMatch(/^echo-[a-zA-Z0-9]{10}$/);
      expect(created.agentRuntimeArn).toBe(
        `arn:aws:bedrock-agentcore:us-west-2:000000000000:runtime/${created.agentRuntimeId}`,
      );
      expect(created.createdAt).toBeInstanceOf(Date);
      const id = created.agentRuntimeId!;

      expect((await f.control.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }))).status).toBe(
        'CREATING',
      );
      f.advance(Delay);
      const ready = await f.control.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
      expect(ready).toMatchObject({
        agentRuntimeName: 'echo',
        agentRuntimeVersion: '1',
        status: 'READY',
        roleArn: RoleArn,
        description: 'echo agent',
        agentRuntimeArtifact: artifact,
        networkConfiguration: { networkMode: 'PUBLIC' },
        lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 28800 },
      });
      expect(ready.failureReason).toBeUndefined();

      const pinned = await f.control.send(
        new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: 'prod', agentRuntimeVersion: '1' }),
      );
      expect(pinned).toMatchObject({ targetVersion: '1', status: 'CREATING', endpointName: 'prod' });

      const updated = await f.control.send(
        new UpdateAgentRuntimeCommand({
          agentRuntimeId: id,
          roleArn: RoleArn,
          agentRuntimeArtifact: artifact,
          environmentVariables: { MODE: 'two' },
        }),
      );
      expect(updated).toMatchObject({ agentRuntimeVersion: '2', status: 'UPDATING' });
      await expect(
        f.control.send(
          new UpdateAgentRuntimeCommand({
            agentRuntimeId: id,
            roleArn: RoleArn,
            agentRuntimeArtifact: artifact,
          }),
        ),
      ).rejects.toBeInstanceOf(ConflictException);
      f.advance(Delay);

      const v2 = await f.control.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
      expect(v2).toMatchObject({
        agentRuntimeVersion: '2',
        status: 'READY',
        environmentVariables: { MODE: 'two' },
      });
      const v1 = await f.control.send(
        new GetAgentRuntimeCommand({ agentRuntimeId: id, agentRuntimeVersion: '1' }),
      );
      expect(v1.environmentVariables).toBeUndefined();
      const versions = await f.control.send(new ListAgentRuntimeVersionsCommand({ agentRuntimeId: id }));
      expect(versions.agentRuntimes?.map((r) => [r.agentRuntimeVersion, r.status])).toEqual([
        ['2', 'READY'],
        ['1', 'READY'],
      ]);

      const endpoints = await f.control.send(new ListAgentRuntimeEndpointsCommand({ agentRuntimeId: id }));
      expect(
        endpoints.runtimeEndpoints?.map((e) => [e.name, e.liveVersion, e.targetVersion, e.status]),
      ).toEqual([
        ['DEFAULT', '2', '2', 'READY'],
        ['prod', '1', '1', 'READY'],
      ]);
      const defaultEndpoint = await f.control.send(
        new GetAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'DEFAULT' }),
      );
      expect(defaultEndpoint.agentRuntimeEndpointArn).toBe(
        `${created.agentRuntimeArn}/runtime-endpoint/DEFAULT`,
      );

      const list = await f.control.send(new ListAgentRuntimesCommand({}));
      expect(list.agentRuntimes).toEqual([
        {
          agentRuntimeArn: created.agentRuntimeArn,
          agentRuntimeId: id,
          agentRuntimeVersion: '2',
          agentRuntimeName: 'echo',
          description: '',
          lastUpdatedAt: v2.lastUpdatedAt,
          status: 'READY',
        },
      ]);

      await expect(
        f.control.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: id, agentRuntimeVersion: '1' })),
      ).rejects.toBeInstanceOf(ConflictException);
      await f.control.send(
        new UpdateAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'prod' }),
      );
      f.advance(Delay);
      const prod = await f.control.send(
        new GetAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'prod' }),
      );
      expect([prod.liveVersion, prod.targetVersion, prod.status]).toEqual(['2', '2', 'READY']);
      const oldVersion = await f.control.send(
        new DeleteAgentRuntimeCommand({ agentRuntimeId: id, agentRuntimeVersion: '1' }),
      );
      expect(oldVersion).toMatchObject({ status: 'DELETING', agentRuntimeVersion: '1' });
      const remaining = await f.control.send(new ListAgentRuntimeVersionsCommand({ agentRuntimeId: id }));
      expect(remaining.agentRuntimes?.map((r) => r.agentRuntimeVersion)).toEqual(['2']);

      const deleted = await f.control.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: id }));
      expect(deleted).toMatchObject({ status: 'DELETING', agentRuntimeId: id });
      expect((await f.control.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }))).status).toBe(
        'DELETING',
      );
      f.advance(Delay);
      await expect(f.control.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }))).rejects.toBeInstanceOf(
        ResourceNotFoundException,
      );
    });
  });

  describe('when the request is invalid', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['a name with a dash', { agentRuntimeName: 'bad-name' }, 'agentRuntimeName'],
      ['a name of 49 characters', { agentRuntimeName: `a${'b'.repeat(48)}` }, 'agentRuntimeName'],
      ['a role that is not an IAM role ARN', { roleArn: 'arn:aws:iam::000000000000:user/me' }, 'roleArn'],
      ['no role', { roleArn: undefined }, 'roleArn'],
      [
        'an unknown network mode',
        { networkConfiguration: { networkMode: 'PRIVATE' } },
        'networkConfiguration.networkMode',
      ],
      [
        'a container URI outside ECR',
        { agentRuntimeArtifact: { containerConfiguration: { containerUri: 'docker.io/library/node:22' } } },
        'agentRuntimeArtifact.containerConfiguration.containerUri',
      ],
      [
        '51 environment variables',
        { environmentVariables: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`K${i}`, 'v'])) },
        'environmentVariables',
      ],
      [
        'an environment value over 5000 characters',
        { environmentVariables: { K: 'x'.repeat(5001) } },
        'environmentVariables.K.value',
      ],
      ['a clientToken under 33 characters', { clientToken: 'short' }, 'clientToken'],
      [
        'VPC mode without subnets',
        { networkConfiguration: { networkMode: 'VPC' } },
        'networkConfiguration.networkModeConfig',
      ],
      [
        'requireServiceS3Endpoint on create',
        {
          networkConfiguration: {
            networkMode: 'VPC',
            networkModeConfig: {
              securityGroups: ['sg-0123456789'],
              subnets: ['subnet-0123456789'],
              requireServiceS3Endpoint: true,
            },
          },
        },
        'networkConfiguration.networkModeConfig.requireServiceS3Endpoint',
      ],
    ];
    it.each(cases)('rejects %s with a ValidationException naming the field', async (_label, extra, field) => {
      const error = await create('valid_name', extra).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationException);
      expect(error).toMatchObject({ reason: 'FieldValidationFailed', $metadata: { httpStatusCode: 400 } });
      expect((error as ValidationException).fieldList?.map((p) => p.name)).toContain(field);
    });

    it('rejects a malformed runtime id with a ValidationException and an unknown one with ResourceNotFound', async () => {
      await expect(
        f.control.send(new GetAgentRuntimeCommand({ agentRuntimeId: 'nope' })),
      ).rejects.toBeInstanceOf(ValidationException);
      const error = await f.control
        .send(new GetAgentRuntimeCommand({ agentRuntimeId: 'nope-abcdefghij' }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect(error).toMatchObject({ $metadata: { httpStatusCode: 404 } });
    });
  });

  describe('when a name is taken', () => {
    it('rejects the second create with a ConflictException', async () => {
      await create('twin');
      const error = await create('twin').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictException);
      expect(error).toMatchObject({ $metadata: { httpStatusCode: 409 } });
    });
  });

  describe('when a quota is reached', () => {
    it('rejects the eleventh endpoint with a 402 ServiceQuotaExceededException', async () => {
      const created = await create('crowded');
      for (let i = 0; i < 10; i++) {
        await f.control.send(
          new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: created.agentRuntimeId, name: `e${i}` }),
        );
      }
      const error = await f.control
        .send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: created.agentRuntimeId, name: 'e10' }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceQuotaExceededException);
      expect(error).toMatchObject({ $metadata: { httpStatusCode: 402, attempts: 1 } });
    });
  });

  describe('when the image is not a linux/arm64 image of the local ECR', () => {
    it('ends CREATE_FAILED with a failureReason', async () => {
      const missing = await create('missing', {
        agentRuntimeArtifact: {
          containerConfiguration: { containerUri: armImage.replace('agents/echo', 'agents/none') },
        },
      });
      const amd = await create('amd', {
        agentRuntimeArtifact: { containerConfiguration: { containerUri: amdImage } },
      });
      f.advance(Delay);
      const a = await f.control.send(new GetAgentRuntimeCommand({ agentRuntimeId: missing.agentRuntimeId }));
      const b = await f.control.send(new GetAgentRuntimeCommand({ agentRuntimeId: amd.agentRuntimeId }));
      expect(a.status).toBe('CREATE_FAILED');
      expect(a.failureReason).toContain('does not exist');
      expect(b.status).toBe('CREATE_FAILED');
      expect(b.failureReason).toContain('linux/arm64');
    });
  });

  describe('when a clientToken is reused', () => {
    const token = 'token-0000000000000000000000000000000001';
    it('returns the same runtime for the same body', async () => {
      const first = await create('idem', { clientToken: token });
      const second = await create('idem', { clientToken: token });
      expect(second.agentRuntimeId).toBe(first.agentRuntimeId);
      expect((await f.control.send(new ListAgentRuntimesCommand({}))).agentRuntimes).toHaveLength(1);
    });

    it('rejects another body with IdempotentParameterMismatchException', async () => {
      await create('idem', { clientToken: token });
      const error = await create('idem', { clientToken: token, description: 'other' }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationException);
      expect(error).toMatchObject({ reason: 'IdempotentParameterMismatchException' });
    });

    it('rejects the token of a deleted runtime with a Conflict that says to retry without it', async () => {
      const first = await create('idem', { clientToken: token });
      await f.control.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: first.agentRuntimeId }));
      f.advance(Delay);
      const error = await create('idem', { clientToken: token }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictException);
      expect((error as Error).message).toContain('without a clientToken');
      const retried = await create('idem');
      expect(retried.agentRuntimeId).not.toBe(first.agentRuntimeId);
    });
  });

  describe('when resources are tagged', () => {
    it('lists, adds and removes tags by ARN', async () => {
      const created = await create('tagged', { tags: { 'agentdrop:stack': 'dev' } });
      const arn = created.agentRuntimeArn!;
      await f.control.send(
        new TagResourceCommand({ resourceArn: arn, tags: { 'agentdrop:project': 'echo' } }),
      );
      await f.control.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['agentdrop:stack'] }));
      const tags = await f.control.send(new ListTagsForResourceCommand({ resourceArn: arn }));
      expect(tags.tags).toEqual({ 'agentdrop:project': 'echo' });
      await expect(
        f.control.send(new ListTagsForResourceCommand({ resourceArn: arn.replace(/.{10}$/, 'zzzzzzzzzz') })),
      ).rejects.toBeInstanceOf(ResourceNotFoundException);
    });
  });
});
