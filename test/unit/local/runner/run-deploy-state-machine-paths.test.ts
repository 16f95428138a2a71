import { zipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LockStore } from '../../../../functions/lib/store/index.js';
import { type CodeBuildEmulator, startCodeBuildEmulator } from '../../../../local/codebuild/index.js';
import { type EcrEmulator, startEcrEmulator } from '../../../../local/ecr/index.js';
import { type RunDeployOptions, runDeployStateMachine } from '../../../../local/runner/index.js';
import {
  credentials,
  dataOf,
  expectValidEvents,
  makeRunOptions,
  type RunnerFixture,
  region,
  startRunnerFixture,
} from './runner-fixture.js';
import { makeDecision, makeStubHandlers } from './stub-handlers.js';

let fixture: RunnerFixture;
let ecr: EcrEmulator;
let codebuild: CodeBuildEmulator;
let tableName: string;
const objects = new Map<string, Buffer>();
const contextKey = 'builds/team/ffff.zip';
const context = Buffer.from(
  zipSync(
    {
      Dockerfile: new TextEncoder().encode(
        'FROM --platform=linux/arm64 public.ecr.aws/docker/library/node:22-slim\nCOPY app.js /app/\n',
      ),
      'app.js': new TextEncoder().encode('console.log("hi");\n'),
    },
    { mtime: new Date('2026-01-01T00:00:00Z') },
  ),
);

beforeAll(async () => {
  fixture = await startRunnerFixture();
  ecr = await startEcrEmulator({ dataDir: fixture.dataDir });
  ecr.createRepository('agentdrop/team');
  codebuild = await startCodeBuildEmulator({
    dataDir: fixture.dataDir,
    readObject: async (bucket, key) => objects.get(`${bucket}/${key}`),
    ecr,
  });
  objects.set(`agentdrop-artifacts/${contextKey}`, context);
});

afterAll(async () => {
  await codebuild.stop();
  await ecr.stop();
  await fixture.stop();
});

beforeEach(async () => {
  tableName = await fixture.newTable();
});

const runtimeDecision = (overrides: Record<string, unknown> = {}) =>
  makeDecision({
    mode: 'runtime',
    resource: { name: 'agentdrop_team', id: null, arn: null, version: null },
    artifact: 'container',
    artifacts: { planKey: 'plans/team/01JD.json', buildContextKey: contextKey, codePackage: null },
    image: { repositoryName: 'agentdrop/team', tag: 'ffffffffffff' },
    ...overrides,
  });

const options = (
  handlers: RunDeployOptions['handlers'],
  overrides: Partial<RunDeployOptions> = {},
): RunDeployOptions => {
  const base = makeRunOptions(fixture, tableName, handlers, overrides);
  return {
    ...base,
    buildPollMs: 10,
    clientConfigs: {
      ...base.clientConfigs,
      codebuild: { endpoint: codebuild.endpoint, region, credentials },
    },
  };
};

describe('runDeployStateMachine', () => {
  describe('when a runtime drop deploys', () => {
    it('builds the image through startBuild.sync and hands the exported digest to the runtime step', async () => {
      const { handlers, calls } = makeStubHandlers({ decision: runtimeDecision() });
      const result = await runDeployStateMachine(options(handlers));

      expect(result.status).toBe('SUCCEEDED');
      // 17 before gated promotion, + RouteToPromotion and PromoteRuntime (IsLivePromoted took IsReplacingResource's
      // place), + RouteByArtifact.
      expect(result.transitions).toBe(20);
      const build = calls.runtime[0]?.build as {
        buildId: string;
        exportedEnvironmentVariables: { Name: string; Value: string }[];
      };
      expect(build.buildId).toMatch(/^agentdrop-runtime-image:/);
      expect(Object.fromEntries(build.exportedEnvironmentVariables.map((v) => [v.Name, v.Value]))).toEqual({
        IMAGE_URI: expect.stringMatching(/\/agentdrop\/team:ffffffffffff$/),
        IMAGE_DIGEST: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        BUILD_SKIPPED: 'false',
      });
      expect(calls.runtime.map((call) => call.action)).toEqual(['deploy', 'status', 'promote']);
      expect(result.events.map((event) => event.detailType)).toEqual(['Deploy Started', 'Deploy Succeeded']);
      expectValidEvents(result.events);
    });
  });

  describe('when a runtime drop ships as code', () => {
    it('skips BuildImage and hands the runtime step an empty build beside the code package', async () => {
      const codePackage = { key: 'code/team/abc.zip', versionId: 'v1' };
      const decision = runtimeDecision({
        artifact: 'code',
        artifacts: { planKey: 'plans/team/01JD.json', buildContextKey: null, codePackage },
        image: null,
      });
      const { handlers, calls } = makeStubHandlers({ decision });
      const result = await runDeployStateMachine(options(handlers));

      expect(result.status).toBe('SUCCEEDED');
      // The container path's count, with SkipImageBuild in BuildImage's place.
      expect(result.transitions).toBe(20);
      expect(calls.runtime[0]).toEqual(
        expect.objectContaining({
          action: 'deploy',
          build: { buildId: null, exportedEnvironmentVariables: [] },
          plan: expect.objectContaining({
            artifact: 'code',
            artifacts: expect.objectContaining({ codePackage }),
          }),
        }),
      );
      expect(result.events.map((event) => event.detailType)).toEqual(['Deploy Started', 'Deploy Succeeded']);
    });
  });

  describe('when the image build fails', () => {
    it('fails with BuildFailed naming BuildImage, the failed phase and the build log, and releases the lock', async () => {
      const decision = runtimeDecision({
        artifacts: {
          planKey: 'plans/team/01JD.json',
          buildContextKey: 'builds/team/missing.zip',
          codePackage: null,
        },
      });
      const { handlers, calls } = makeStubHandlers({ decision });
      const result = await runDeployStateMachine(options(handlers));

      expect(result.status).toBe('FAILED');
      expect(result.error?.error).toBe('BuildFailed');
      expect(calls.runtime).toEqual([]);
      const failed = result.events.at(-1);
      expect(failed?.detailType).toBe('Deploy Failed');
      expect(dataOf(failed)).toMatchObject({
        errorCode: 'BuildFailed',
        failedState: 'BuildImage',
        message: expect.stringMatching(
          /^The image build agentdrop-runtime-image:\S+ ended FAILED in phase DOWNLOAD_SOURCE: NoSuchKey/,
        ),
        buildLogUrl: expect.stringMatching(/^https?:\/\//),
      });
      expectValidEvents(result.events);
      expect(await new LockStore({ documents: fixture.documents, tableName }).getLock('team')).toBeNull();
    });
  });

  describe('when the drop is unchanged', () => {
    it('records the skip and publishes Deploy Skipped without taking the lock', async () => {
      const { handlers, calls } = makeStubHandlers({
        decision: makeDecision({ action: 'skip', skipReason: 'unchanged', decision: 'skip' }),
      });
      const result = await runDeployStateMachine(options(handlers));

      expect(result.status).toBe('SUCCEEDED');
      expect(result.transitions).toBe(4); // Plan, RouteByDecision, RecordSkippedDrop, PublishDeploySkipped
      expect(result.events.map((event) => [event.detailType, dataOf(event).reason])).toEqual([
        ['Deploy Skipped', 'unchanged'],
      ]);
      expectValidEvents(result.events);
      expect(calls.plan.map((call) => call.action)).toEqual(['plan', 'record']);
      expect(await new LockStore({ documents: fixture.documents, tableName }).getLock('team')).toBeNull();
    });
  });

  describe('when the drop was deleted', () => {
    it('deletes the runtime, waits until it is gone and publishes Agent Destroyed', async () => {
      const decision = runtimeDecision({
        action: 'destroy',
        decision: 'delete',
        fingerprint: null,
        resource: {
          name: 'agentdrop_team',
          id: 'r-1',
          arn: 'arn:aws:bedrock-agentcore:us-west-2:000000000000:runtime/r-1',
          version: '3',
        },
        metadata: { ...(makeDecision().metadata as object), trigger: 'delete' },
        trigger: { ...(makeDecision().trigger as object), kind: 'delete' },
      });
      const { handlers, calls } = makeStubHandlers({ decision });
      const result = await runDeployStateMachine(options(handlers));

      expect(result.status).toBe('SUCCEEDED');
      expect(
        calls.runtime.map((call) => [call.action, (call.resource as { id?: string } | undefined)?.id]),
      ).toEqual([
        ['delete', 'r-1'],
        ['status', undefined],
      ]);
      expect(calls.invoke).toEqual([]);
      expect(result.events.map((event) => event.detailType)).toEqual(['Deploy Started', 'Agent Destroyed']);
      expectValidEvents(result.events);
    });
  });

  describe('when a runtime replaces a harness', () => {
    it('deletes the old harness after the smoke test and keeps going when that fails', async () => {
      const decision = runtimeDecision({
        decision: 'replace',
        previous: {
          mode: 'harness',
          region: 'us-west-2',
          name: 'agentdrop_team',
          id: 'h-1',
          arn: 'arn:h',
          version: '1',
        },
      });
      const { handlers, calls } = makeStubHandlers({
        decision,
        harness: () => {
          throw Object.assign(new Error('still in use'), { name: 'ConflictException' });
        },
      });
      const result = await runDeployStateMachine(options(handlers));

      expect(result.status).toBe('SUCCEEDED');
      // Retried by the catch-all retrier (three more attempts), then kept as an orphan with a warning.
      expect(calls.harness.map((call) => [call.action, (call.resource as { id: string }).id])).toEqual(
        Array.from({ length: 4 }, () => ['delete', 'h-1']),
      );
      expect(result.events.map((event) => event.detailType)).toEqual(['Deploy Started', 'Deploy Succeeded']);
      const recorded = calls.plan.find((call) => call.action === 'record')?.document as {
        cleanupError?: { Error: string };
      };
      expect(recorded.cleanupError?.Error).toBe('ConflictException');
    });
  });
});
