import {
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
} from '@aws-sdk/client-ecr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EcrEmulator } from '../../../local/ecr/index.js';
import { startEcrEmulator } from '../../../local/ecr/index.js';
import { clientBase, makeDataDir } from './support.js';

const digest = `sha256:${'ab'.repeat(32)}`;

describe('startEcrEmulator', () => {
  let data: ReturnType<typeof makeDataDir>;
  let emulator: EcrEmulator;
  let ecr: ECRClient;

  const start = async (): Promise<void> => {
    emulator = await startEcrEmulator({ dataDir: data.dataDir });
    ecr = new ECRClient(clientBase(emulator.endpoint));
  };

  beforeEach(async () => {
    data = makeDataDir();
    await start();
  });

  afterEach(async () => {
    ecr.destroy();
    await emulator.stop();
    data.remove();
  });

  describe('when a repository is created', () => {
    it('returns it from CreateRepository and DescribeRepositories', async () => {
      const created = await ecr.send(
        new CreateRepositoryCommand({ repositoryName: 'agentdrop/team', imageTagMutability: 'IMMUTABLE' }),
      );
      expect(created.repository).toEqual({
        repositoryArn: 'arn:aws:ecr:us-west-2:000000000000:repository/agentdrop/team',
        registryId: '000000000000',
        repositoryName: 'agentdrop/team',
        repositoryUri: '000000000000.dkr.ecr.us-west-2.amazonaws.com/agentdrop/team',
        createdAt: expect.any(Date),
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: false },
        encryptionConfiguration: { encryptionType: 'AES256' },
      });
      const described = await ecr.send(
        new DescribeRepositoriesCommand({ repositoryNames: ['agentdrop/team'] }),
      );
      expect(described.repositories).toEqual([created.repository]);
    });
  });

  describe('when names are taken, invalid or unknown', () => {
    it('rejects with the service error types', async () => {
      await ecr.send(new CreateRepositoryCommand({ repositoryName: 'team' }));
      await expect(ecr.send(new CreateRepositoryCommand({ repositoryName: 'team' }))).rejects.toMatchObject({
        name: 'RepositoryAlreadyExistsException',
      });
      await expect(ecr.send(new CreateRepositoryCommand({ repositoryName: 'Team' }))).rejects.toMatchObject({
        name: 'InvalidParameterException',
      });
      await expect(
        ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['gone'] })),
      ).rejects.toMatchObject({
        name: 'RepositoryNotFoundException',
        message: "The repository with name 'gone' does not exist in the registry with id '000000000000'",
      });
      await expect(ecr.send(new DescribeImagesCommand({ repositoryName: 'gone' }))).rejects.toMatchObject({
        name: 'RepositoryNotFoundException',
      });
    });
  });

  describe('when an image is recorded', () => {
    it('returns it by tag and digest, in-process and through DescribeImages', async () => {
      emulator.createRepository('team');
      emulator.recordImage({
        repositoryName: 'team',
        digest,
        tag: 'abc123def456',
        architecture: 'arm64',
        os: 'linux',
        contextDir: '/ctx',
        sizeBytes: 42,
      });
      const byTag = await ecr.send(
        new DescribeImagesCommand({ repositoryName: 'team', imageIds: [{ imageTag: 'abc123def456' }] }),
      );
      const byDigest = await ecr.send(
        new DescribeImagesCommand({ repositoryName: 'team', imageIds: [{ imageDigest: digest }] }),
      );
      expect(byTag.imageDetails).toEqual([
        {
          registryId: '000000000000',
          repositoryName: 'team',
          imageDigest: digest,
          imageTags: ['abc123def456'],
          imageSizeInBytes: 42,
          imagePushedAt: expect.any(Date),
          imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
          artifactMediaType: 'application/vnd.docker.container.image.v1+json',
        },
      ]);
      expect(byDigest.imageDetails).toEqual(byTag.imageDetails);
      const found = {
        repositoryName: 'team',
        digest,
        architecture: 'arm64',
        os: 'linux',
        contextDir: '/ctx',
      };
      expect(emulator.findImage('team', digest)).toEqual(found);
      expect(emulator.findImage('team', 'abc123def456')).toEqual(found);
      expect(emulator.findImageByUri(`000000000000.dkr.ecr.us-west-2.amazonaws.com/team@${digest}`)).toEqual(
        found,
      );
      expect(
        emulator.findImageByUri(`111111111111.dkr.ecr.us-west-2.amazonaws.com/team@${digest}`),
      ).toBeUndefined();
      await expect(
        ecr.send(new DescribeImagesCommand({ repositoryName: 'team', imageIds: [{ imageTag: 'latest' }] })),
      ).rejects.toMatchObject({ name: 'ImageNotFoundException' });
    });
  });

  describe('when faults are set', () => {
    it('returns success after a retried throttle and rejects a 5xx that outlasts the retries', async () => {
      emulator.faults.set('DescribeRepositories', { kind: 'throttle' });
      const out = await ecr.send(new DescribeRepositoriesCommand({}));
      expect({ attempts: out.$metadata.attempts, repositories: out.repositories }).toEqual({
        attempts: 2,
        repositories: [],
      });
      emulator.faults.set('CreateRepository', { kind: 'server_error', count: 3, reason: 'injected' });
      const once = new ECRClient({ ...clientBase(emulator.endpoint), maxAttempts: 1 });
      await expect(once.send(new CreateRepositoryCommand({ repositoryName: 'x' }))).rejects.toMatchObject({
        name: 'ServerException',
        message: 'injected',
        $metadata: { httpStatusCode: 500 },
      });
      once.destroy();
    });
  });

  describe('when restarted on the same data dir', () => {
    it('returns the repositories and images recorded before', async () => {
      emulator.createRepository('team');
      emulator.recordImage({
        repositoryName: 'team',
        digest,
        architecture: 'arm64',
        os: 'linux',
        contextDir: '/c',
        sizeBytes: 1,
      });
      ecr.destroy();
      await emulator.stop();
      await start();
      expect(emulator.findImage('team', digest)?.contextDir).toBe('/c');
    });
  });
});
