import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { readDirectoryBundle, zipFiles } from '../../core/bundle/index.js';
import { createDeployStore, type DeployStore } from '../../functions/lib/store/index.js';
import { type LocalCloud, type LocalCloudOptions, startLocalCloud } from '../../local/cloud/index.js';
import type { EventBridgeEvent } from '../../local/eventbridge/index.js';
import {
  attachTriggers,
  createLocalPipeline,
  type LocalPipeline,
  type LocalTriggers,
} from '../../local/pipeline/index.js';
import type { RunDeployResult } from '../../local/runner/index.js';

/** The local cloud with the pipeline attached, as `agentdrop push` uses it, for end-to-end tests. */
export interface LocalStack {
  readonly cloud: LocalCloud;
  readonly pipeline: LocalPipeline;
  readonly triggers: LocalTriggers;
  readonly store: DeployStore;
  readonly s3: S3Client;
  /** Uploads a folder (or in-memory files) as `drops/<project>.zip` and waits for every run it starts. */
  drop(project: string, source: string | ReadonlyMap<string, Uint8Array>): Promise<RunDeployResult[]>;
  /** Deletes `drops/<project>.zip` (leaving a delete marker) and waits for the teardown. */
  deleteDrop(project: string): Promise<RunDeployResult[]>;
  /** Creates or rotates `agentdrop/<name>` and waits for the redeploys a rotation starts. */
  putSecret(name: string, value: string): Promise<RunDeployResult[]>;
  /** Events the pipeline published on the agentdrop bus. */
  outcomes(): readonly EventBridgeEvent[];
  /** Sets how long each Retry interval waits in the runs started from now on. */
  setRetryMs(ms: number): void;
  stop(): Promise<void>;
}

/** Reads a folder into the files of a drop. */
export async function dropFiles(dir: string): Promise<Map<string, Uint8Array>> {
  const bundle = await readDirectoryBundle(dir);
  if (!bundle.ok) throw new Error(`fixture ${dir} is not a valid drop`);
  return new Map(bundle.tree.files);
}

/** How the stack's rules run the pipeline. */
export interface LocalStackRunOptions {
  /** Each Wait state's wait. @default 25 — 40 status checks a second of emulated time before ResourceTimedOut */
  readonly waitMs?: number;
  /** Interval between BatchGetBuilds polls of a build. @default 200 */
  readonly buildPollMs?: number;
  /** How long each Retry interval waits. @default 0 */
  readonly retryMs?: number;
  /** The stack's `versionRetention`. @default 10 */
  readonly versionRetention?: number;
  /** The stack's `agentTraces`. @default true */
  readonly agentTraces?: boolean;
}

/** Starts a fresh local cloud in a temporary directory with the pipeline's rules attached. */
export async function startLocalStack(
  options: LocalCloudOptions = {},
  run: LocalStackRunOptions = {},
): Promise<LocalStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'agentdrop-e2e-'));
  const cloud = await startLocalCloud({ dataDir, ...options });
  const pipeline = createLocalPipeline(cloud, undefined, {
    ...(run.versionRetention !== undefined ? { versionRetention: run.versionRetention } : {}),
    ...(run.agentTraces !== undefined ? { agentTraces: run.agentTraces } : {}),
  });
  let retryMs = run.retryMs;
  const triggers = attachTriggers(cloud, pipeline, () => ({
    waitMs: run.waitMs ?? 25,
    ...(run.buildPollMs !== undefined ? { buildPollMs: run.buildPollMs } : {}),
    ...(retryMs !== undefined ? { retryMs } : {}),
  }));
  const s3 = new S3Client(cloud.clientConfig('s3'));
  const secrets = new SecretsManagerClient(cloud.clientConfig('secretsmanager'));
  const store = createDeployStore({
    documents: pipeline.deps.documents,
    tableName: cloud.resources.tableName,
  });
  const newRuns = (action: () => Promise<unknown>) => runsStartedBy(triggers, action);
  return {
    cloud,
    pipeline,
    triggers,
    store,
    s3,
    drop: async (project, source) => {
      const files = typeof source === 'string' ? await dropFiles(source) : source;
      return newRuns(() =>
        s3.send(
          new PutObjectCommand({
            Bucket: cloud.resources.dropBucket,
            Key: `drops/${project}.zip`,
            Body: zipFiles(files),
          }),
        ),
      );
    },
    deleteDrop: (project) =>
      newRuns(() =>
        s3.send(new DeleteObjectCommand({ Bucket: cloud.resources.dropBucket, Key: `drops/${project}.zip` })),
      ),
    putSecret: (name, value) =>
      newRuns(async () => {
        try {
          await secrets.send(new CreateSecretCommand({ Name: `agentdrop/${name}`, SecretString: value }));
        } catch (error) {
          if (!(error instanceof Error && error.name === 'ResourceExistsException')) throw error;
          await secrets.send(
            new PutSecretValueCommand({ SecretId: `agentdrop/${name}`, SecretString: value }),
          );
        }
      }),
    outcomes: () => cloud.events.events('agentdrop'),
    setRetryMs: (ms) => {
      retryMs = ms;
    },
    stop: async () => {
      triggers.detach();
      await triggers.idle();
      await cloud.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `action` and resolves with every run it caused through the rules (and the runs those caused), in order. */
export async function runsStartedBy(
  triggers: LocalTriggers,
  action: () => Promise<unknown>,
): Promise<RunDeployResult[]> {
  const before = triggers.runs().length;
  await action();
  await triggers.idle();
  return Promise.all(
    triggers
      .runs()
      .slice(before)
      .map((run) => run.result),
  );
}
