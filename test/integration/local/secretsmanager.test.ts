import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SecretsManagerEmulator } from '../../../local/secretsmanager/index.js';
import { startSecretsManagerEmulator } from '../../../local/secretsmanager/index.js';
import { clientBase, makeDataDir } from './support.js';

const canary = 'canary-value-7f3c';

describe('startSecretsManagerEmulator', () => {
  let data: ReturnType<typeof makeDataDir>;
  let emulator: SecretsManagerEmulator;
  let sm: SecretsManagerClient;

  const start = async (): Promise<void> => {
    emulator = await startSecretsManagerEmulator({ dataDir: data.dataDir });
    sm = new SecretsManagerClient(clientBase(emulator.endpoint));
  };

  beforeEach(async () => {
    data = makeDataDir();
    await start();
  });

  afterEach(async () => {
    sm.destroy();
    await emulator.stop();
    data.remove();
  });

  describe('when a secret is created and a new value put', () => {
    it('returns version ids and moves AWSCURRENT to the new version', async () => {
      const created = await sm.send(
        new CreateSecretCommand({ Name: 'agentdrop/API_KEY', SecretString: canary }),
      );
      expect(created).toMatchObject({
        ARN: expect.stringMatching(
          /^arn:aws:secretsmanager:us-west-2:000000000000:secret:agentdrop\/API_KEY-[A-Za-z0-9]{6}$/,
        ),
        Name: 'agentdrop/API_KEY',
        VersionId: expect.any(String),
      });
      expect(created.ARN).toBe(emulator.arnOf('agentdrop/API_KEY'));
      const put = await sm.send(
        new PutSecretValueCommand({ SecretId: created.ARN, SecretString: `${canary}-2` }),
      );
      expect(put.VersionStages).toEqual(['AWSCURRENT']);

      const described = await sm.send(new DescribeSecretCommand({ SecretId: 'agentdrop/API_KEY' }));
      expect(described.VersionIdsToStages).toEqual({
        [created.VersionId!]: ['AWSPREVIOUS'],
        [put.VersionId!]: ['AWSCURRENT'],
      });
      const current = await sm.send(new GetSecretValueCommand({ SecretId: 'agentdrop/API_KEY' }));
      const previous = await sm.send(
        new GetSecretValueCommand({ SecretId: 'agentdrop/API_KEY', VersionStage: 'AWSPREVIOUS' }),
      );
      expect([current.SecretString, current.VersionId, previous.SecretString]).toEqual([
        `${canary}-2`,
        put.VersionId,
        canary,
      ]);
      const listed = await sm.send(new ListSecretsCommand({}));
      expect(listed.SecretList?.map((s) => s.Name)).toEqual(['agentdrop/API_KEY']);
      expect(JSON.stringify(listed)).not.toContain(canary);
    });
  });

  describe('when the same client request token is reused', () => {
    it('returns the same version for the same value and rejects another value', async () => {
      await sm.send(new CreateSecretCommand({ Name: 's' }));
      const token = 'a'.repeat(32);
      const first = await sm.send(
        new PutSecretValueCommand({ SecretId: 's', SecretString: 'v', ClientRequestToken: token }),
      );
      const again = await sm.send(
        new PutSecretValueCommand({ SecretId: 's', SecretString: 'v', ClientRequestToken: token }),
      );
      expect(again.VersionId).toBe(first.VersionId);
      await expect(
        sm.send(
          new PutSecretValueCommand({ SecretId: 's', SecretString: 'other', ClientRequestToken: token }),
        ),
      ).rejects.toMatchObject({ name: 'ResourceExistsException' });
    });
  });

  describe('when secrets are missing or duplicated', () => {
    it('rejects with the service error types', async () => {
      await expect(sm.send(new GetSecretValueCommand({ SecretId: 'missing' }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: "Secrets Manager can't find the specified secret.",
      });
      await sm.send(new CreateSecretCommand({ Name: 'empty' }));
      await expect(sm.send(new GetSecretValueCommand({ SecretId: 'empty' }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      });
      await expect(
        sm.send(new CreateSecretCommand({ Name: 'empty', SecretString: 'x' })),
      ).rejects.toMatchObject({
        name: 'ResourceExistsException',
      });
      await expect(sm.send(new CreateSecretCommand({ Name: 'bad name!' }))).rejects.toMatchObject({
        name: 'InvalidParameterException',
      });
    });
  });

  describe('when GetSecretValue names a version', () => {
    it('reads by version id or staging label and refuses a label sent as VersionId, as AWS does', async () => {
      const created = await sm.send(new CreateSecretCommand({ Name: 'v', SecretString: canary }));
      const byId = await sm.send(new GetSecretValueCommand({ SecretId: 'v', VersionId: created.VersionId }));
      const byStage = await sm.send(new GetSecretValueCommand({ SecretId: 'v', VersionStage: 'AWSCURRENT' }));
      expect([byId.SecretString, byStage.SecretString, byStage.VersionId]).toEqual([
        canary,
        canary,
        created.VersionId,
      ]);
      await expect(
        sm.send(new GetSecretValueCommand({ SecretId: 'v', VersionId: 'AWSCURRENT' })),
      ).rejects.toMatchObject({
        name: 'ValidationException',
        message:
          "1 validation error detected: Value 'AWSCURRENT' at 'versionId' failed to satisfy constraint: Member must have length greater than or equal to 32",
      });
    });
  });

  describe('when GetSecretValue is throttled once', () => {
    it('returns the value after the SDK retries', async () => {
      await sm.send(new CreateSecretCommand({ Name: 't', SecretString: 'v' }));
      emulator.faults.set('GetSecretValue', { kind: 'throttle' });
      const out = await sm.send(new GetSecretValueCommand({ SecretId: 't' }));
      expect({ value: out.SecretString, attempts: out.$metadata.attempts }).toEqual({
        value: 'v',
        attempts: 2,
      });
    });
  });

  describe('when restarted on the same data dir', () => {
    it('returns the values stored before', async () => {
      const created = await sm.send(new CreateSecretCommand({ Name: 'kept', SecretString: canary }));
      sm.destroy();
      await emulator.stop();
      await start();
      const got = await sm.send(new GetSecretValueCommand({ SecretId: 'kept' }));
      expect([got.SecretString, got.VersionId]).toEqual([canary, created.VersionId]);
    });
  });
});
