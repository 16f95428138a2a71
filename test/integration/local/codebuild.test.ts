import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BatchGetBuildsCommand, CodeBuildClient, StartBuildCommand } from '@aws-sdk/client-codebuild';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipFiles } from '../../../core/bundle/index.js';
import type { CodeBuildEmulator } from '../../../local/codebuild/index.js';
import { startCodeBuildEmulator } from '../../../local/codebuild/index.js';
import type { EcrEmulator } from '../../../local/ecr/index.js';
import { startEcrEmulator } from '../../../local/ecr/index.js';
import type { S3Emulator } from '../../../local/s3/index.js';
import { startS3Emulator } from '../../../local/s3/index.js';
import { clientBase, makeDataDir } from './support.js';

const bucket = 'agentdrop-artifacts';
const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const goodDockerfile =
  'FROM --platform=linux/arm64 public.ecr.aws/docker/library/node:22-slim\nCOPY agent.mjs ./\nCMD ["node","agent.mjs"]\n';

describe('startCodeBuildEmulator', () => {
  let data: ReturnType<typeof makeDataDir>;
  let s3e: S3Emulator;
  let ecr: EcrEmulator;
  let emulator: CodeBuildEmulator;
  let s3: S3Client;
  let codebuild: CodeBuildClient;

  beforeAll(async () => {
    data = makeDataDir();
    [s3e, ecr] = await Promise.all([
      startS3Emulator({ dataDir: data.dataDir, buckets: [bucket] }),
      startEcrEmulator({ dataDir: data.dataDir }),
    ]);
    emulator = await startCodeBuildEmulator({
      dataDir: data.dataDir,
      readObject: (b, k, v) => s3e.readObject(b, k, v),
      ecr,
    });
    ecr.createRepository('agentdrop/team');
    s3 = new S3Client({
      ...clientBase(s3e.endpoint),
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    codebuild = new CodeBuildClient(clientBase(emulator.endpoint));
  });

  afterAll(async () => {
    s3.destroy();
    codebuild.destroy();
    await Promise.all([emulator.stop(), s3e.stop(), ecr.stop()]);
    data.remove();
  });

  const upload = async (key: string, files: Record<string, string>): Promise<Uint8Array> => {
    const zip = zipFiles(new Map(Object.entries(files).map(([path, content]) => [path, text(content)])));
    const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: zip }));
    versionIds.set(zip, put.VersionId!);
    return zip;
  };
  const versionIds = new Map<Uint8Array, string>();

  const build = async (key: string, env: Record<string, string>, sourceVersion?: string): Promise<string> => {
    const started = await codebuild.send(
      new StartBuildCommand({
        projectName: 'agentdrop-image-build',
        sourceTypeOverride: 'S3',
        sourceLocationOverride: `${bucket}/${key}`,
        sourceVersion,
        environmentVariablesOverride: Object.entries(env).map(([name, value]) => ({
          name,
          value,
          type: 'PLAINTEXT',
        })),
      }),
    );
    expect(started.build?.buildStatus).toBe('IN_PROGRESS');
    await emulator.waitForBuild(started.build!.id!);
    return started.build!.id!;
  };

  const get = async (id: string) =>
    (await codebuild.send(new BatchGetBuildsCommand({ ids: [id] }))).builds![0]!;

  describe('when the context is valid', () => {
    it('returns SUCCEEDED with the image exported and records a linux/arm64 image', async () => {
      const zip = await upload('builds/team/ok.zip', {
        Dockerfile: goodDockerfile,
        'agent.mjs': 'console.log(1)',
      });
      const id = await build('builds/team/ok.zip', {
        REPO_NAME: 'agentdrop/team',
        IMAGE_TAG: 'abc123def456',
      });
      const done = await get(id);
      const digest = `sha256:${Buffer.from(await crypto.subtle.digest('SHA-256', zip)).toString('hex')}`;
      const uri = '000000000000.dkr.ecr.us-west-2.amazonaws.com/agentdrop/team';
      expect({
        status: done.buildStatus,
        complete: done.buildComplete,
        phase: done.currentPhase,
        phases: done.phases?.map((p) => `${p.phaseType}:${p.phaseStatus ?? '-'}`),
        exported: done.exportedEnvironmentVariables,
        deepLink: done.logs?.deepLink,
      }).toEqual({
        status: 'SUCCEEDED',
        complete: true,
        phase: 'COMPLETED',
        phases: [
          'SUBMITTED:SUCCEEDED',
          'QUEUED:SUCCEEDED',
          'PROVISIONING:SUCCEEDED',
          'DOWNLOAD_SOURCE:SUCCEEDED',
          'PRE_BUILD:SUCCEEDED',
          'BUILD:SUCCEEDED',
          'POST_BUILD:SUCCEEDED',
          'UPLOAD_ARTIFACTS:SUCCEEDED',
          'FINALIZING:SUCCEEDED',
          'COMPLETED:-',
        ],
        exported: [
          { name: 'IMAGE_URI', value: `${uri}:abc123def456` },
          { name: 'IMAGE_DIGEST', value: digest },
          { name: 'BUILD_SKIPPED', value: 'false' },
        ],
        deepLink: expect.stringContaining(
          'https://console.aws.amazon.com/cloudwatch/home?region=us-west-2#logsV2:',
        ),
      });
      const image = ecr.findImageByUri(`${uri}@${digest}`);
      expect(image).toEqual({
        repositoryName: 'agentdrop/team',
        digest,
        architecture: 'arm64',
        os: 'linux',
        contextDir: join(data.dataDir, 'images', digest.slice('sha256:'.length)),
      });
      expect(readFileSync(join(image!.contextDir, 'agent.mjs'), 'utf8')).toBe('console.log(1)');
    });
  });

  describe('when the tag already exists', () => {
    it('returns SUCCEEDED with BUILD_SKIPPED and the existing digest', async () => {
      await upload('builds/team/again.zip', { Dockerfile: goodDockerfile, 'agent.mjs': 'other' });
      const id = await build('builds/team/again.zip', {
        REPO_NAME: 'agentdrop/team',
        IMAGE_TAG: 'abc123def456',
      });
      const done = await get(id);
      const exported = Object.fromEntries(done.exportedEnvironmentVariables!.map((v) => [v.name, v.value]));
      expect([done.buildStatus, exported.BUILD_SKIPPED, exported.IMAGE_DIGEST]).toEqual([
        'SUCCEEDED',
        'true',
        ecr.findImage('agentdrop/team', 'abc123def456')?.digest,
      ]);
    });
  });

  describe('when the Dockerfile is not arm64 and misses a COPY source', () => {
    it('returns FAILED in the BUILD phase with the reasons', async () => {
      await upload('builds/team/bad.zip', { Dockerfile: 'FROM node:22\nCOPY agent.mjs ./\n' });
      const done = await get(await build('builds/team/bad.zip', { REPO_NAME: 'agentdrop/team' }));
      const failed = done.phases?.find((p) => p.phaseStatus === 'FAILED');
      expect({
        status: done.buildStatus,
        phase: failed?.phaseType,
        exported: done.exportedEnvironmentVariables,
      }).toEqual({
        status: 'FAILED',
        phase: 'BUILD',
        exported: undefined,
      });
      expect(failed?.contexts?.[0]?.message).toContain('linux/arm64');
      expect(failed?.contexts?.[0]?.message).toContain('"agent.mjs" not found');
    });
  });

  describe('when sourceVersion names an older version of the zip', () => {
    it('returns SUCCEEDED for that version although the current one is broken', async () => {
      const good = await upload('builds/team/versioned.zip', {
        Dockerfile: goodDockerfile,
        'agent.mjs': 'v1',
      });
      await upload('builds/team/versioned.zip', { 'agent.mjs': 'no Dockerfile' });
      const id = await build(
        'builds/team/versioned.zip',
        { REPO_NAME: 'agentdrop/team', IMAGE_TAG: 'v1tag' },
        versionIds.get(good),
      );
      const done = await get(id);
      expect([done.buildStatus, done.sourceVersion]).toEqual(['SUCCEEDED', versionIds.get(good)]);
    });
  });

  describe('when the source or the repository is missing', () => {
    it('returns FAILED in DOWNLOAD_SOURCE and in PRE_BUILD', async () => {
      const missing = await get(await build('builds/none.zip', { REPO_NAME: 'agentdrop/team' }));
      await upload('builds/team/norepo.zip', { Dockerfile: goodDockerfile, 'agent.mjs': '' });
      const noRepo = await get(await build('builds/team/norepo.zip', {}));
      expect(
        [missing, noRepo].map((b) => [
          b.buildStatus,
          b.phases?.find((p) => p.phaseStatus === 'FAILED')?.phaseType,
        ]),
      ).toEqual([
        ['FAILED', 'DOWNLOAD_SOURCE'],
        ['FAILED', 'PRE_BUILD'],
      ]);
    });
  });

  describe('when the build_failed fault is set', () => {
    it('returns FAILED with the fault reason', async () => {
      await upload('builds/team/fault.zip', { Dockerfile: goodDockerfile, 'agent.mjs': 'x' });
      emulator.faults.set('StartBuild', { kind: 'build_failed', reason: 'injected: exec format error' });
      const done = await get(await build('builds/team/fault.zip', { REPO_NAME: 'agentdrop/team' }));
      expect([
        done.buildStatus,
        done.phases?.find((p) => p.phaseStatus === 'FAILED')?.contexts?.[0]?.message,
      ]).toEqual(['FAILED', expect.stringContaining('injected: exec format error')]);
    });
  });

  describe('when inputs are invalid or ids unknown', () => {
    it('rejects StartBuild with InvalidInputException and lists unknown ids as not found', async () => {
      await expect(
        codebuild.send(
          new StartBuildCommand({
            projectName: 'p',
            sourceTypeOverride: 'S3',
            sourceLocationOverride: 'nokey',
          }),
        ),
      ).rejects.toMatchObject({ name: 'InvalidInputException' });
      const out = await codebuild.send(new BatchGetBuildsCommand({ ids: ['p:unknown'] }));
      expect({ builds: out.builds, notFound: out.buildsNotFound }).toEqual({
        builds: [],
        notFound: ['p:unknown'],
      });
    });
  });

  describe('when StartBuild is throttled once', () => {
    it('returns the started build after the SDK retries', async () => {
      emulator.faults.set('StartBuild', { kind: 'throttle' });
      const out = await codebuild.send(
        new StartBuildCommand({ projectName: 'p', sourceLocationOverride: `${bucket}/builds/none.zip` }),
      );
      expect(out.$metadata.attempts).toBe(2);
      await emulator.waitForBuild(out.build!.id!);
      expect(existsSync(join(data.dataDir, 'codebuild', 'builds.json'))).toBe(true);
    });
  });
});
