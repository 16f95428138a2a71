import { join, resolve } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDeployStore, type DeployStore } from '../../functions/lib/store/index.js';
import type { LocalCloud } from '../../local/cloud/index.js';
import type { EventBridgeEvent } from '../../local/eventbridge/index.js';
import type { LocalDeployOptions, LocalTriggers } from '../../local/pipeline/index.js';
import type { RunDeployResult } from '../../local/runner/index.js';
import type { CliIo } from '../io.js';

/** Where the local cloud keeps its state between commands. */
export function localDataDir(io: CliIo): string {
  return resolve(io.cwd, io.env.AGENTDROP_LOCAL_DIR ?? join('.agentdrop', 'local'));
}

/** A run a command started, with the event that started it. */
export interface FollowedRun {
  readonly event: EventBridgeEvent;
  readonly result: RunDeployResult;
}

/**
 * The embedded local cloud as a deploy target: the pipeline's rules attached, so an upload, a delete or
 * a redeploy request starts runs exactly as on AWS, through the same state machine and handlers.
 */
export interface LocalTarget {
  readonly cloud: LocalCloud;
  readonly store: DeployStore;
  /** Document client on the local table, for listings the store does not offer. */
  readonly documents: DynamoDBDocumentClient;
  readonly dataDir: string;
  upload(project: string, zip: Uint8Array): Promise<void>;
  deleteDrop(project: string): Promise<void>;
  requestRedeploy(project: string, force: boolean): Promise<void>;
  /** Creates or rotates `agentdrop/NAME`; returns the new version id. */
  putSecret(name: string, value: string): Promise<string>;
  /** Seeds `agentdrop/NAME` from the environment variable NAME when it is missing; returns the seeded names. */
  seedSecrets(names: readonly string[], env: CliIo['env']): Promise<string[]>;
  /** Waits for every run started since `from` (and those they start) and returns them. */
  settle(from: number): Promise<FollowedRun[]>;
  runCount(): number;
  close(): Promise<void>;
}

/** Starts the local cloud on the project's data directory with the pipeline attached. */
export async function openLocalTarget(
  io: CliIo,
  onRun: (event: EventBridgeEvent) => LocalDeployOptions = () => ({}),
): Promise<LocalTarget> {
  const dataDir = localDataDir(io);
  const { startLocalCloud } = await import('../../local/cloud/index.js');
  const { attachTriggers, createLocalPipeline, LocalStack } = await import('../../local/pipeline/index.js');
  const cloud = await startLocalCloud({ dataDir });
  const pipeline = createLocalPipeline(cloud);
  const triggers: LocalTriggers = attachTriggers(cloud, pipeline, onRun);
  const s3 = new S3Client(cloud.clientConfig('s3'));
  const events = new EventBridgeClient(cloud.clientConfig('eventbridge'));
  const secrets = new SecretsManagerClient(cloud.clientConfig('secretsmanager'));
  const bucket = cloud.resources.dropBucket;
  return {
    cloud,
    dataDir,
    store: createDeployStore({
      documents: pipeline.deps.clients.documents,
      tableName: cloud.resources.tableName,
    }),
    documents: pipeline.deps.clients.documents,
    upload: async (project, zip) => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `drops/${project}.zip`, Body: zip }));
    },
    deleteDrop: async (project) => {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: `drops/${project}.zip` }));
    },
    requestRedeploy: async (project, force) => {
      await events.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: LocalStack.eventBusName,
              Source: 'agentdrop.cli',
              DetailType: 'Redeploy Requested',
              Detail: JSON.stringify({ project, ...(force ? { force: true } : {}) }),
            },
          ],
        }),
      );
    },
    putSecret: async (name, value) => {
      const secretId = `${LocalStack.secretPrefix}${name}`;
      try {
        return (
          (await secrets.send(new CreateSecretCommand({ Name: secretId, SecretString: value }))).VersionId ??
          ''
        );
      } catch (error) {
        if ((error as Error).name !== 'ResourceExistsException') throw error;
        return (
          (await secrets.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: value })))
            .VersionId ?? ''
        );
      }
    },
    seedSecrets: async (names, env) => {
      const seeded: string[] = [];
      for (const name of names) {
        const secretId = `${LocalStack.secretPrefix}${name}`;
        const exists = await secrets.send(new DescribeSecretCommand({ SecretId: secretId })).then(
          () => true,
          (error: Error) => (error.name === 'ResourceNotFoundException' ? false : Promise.reject(error)),
        );
        const value = env[name];
        if (exists || value === undefined || value === '') continue;
        await secrets.send(new CreateSecretCommand({ Name: secretId, SecretString: value }));
        seeded.push(name);
      }
      return seeded;
    },
    settle: async (from) => {
      await triggers.idle();
      const runs = triggers.runs().slice(from);
      return Promise.all(runs.map(async (run) => ({ event: run.event, result: await run.result })));
    },
    runCount: () => triggers.runs().length,
    close: async () => {
      triggers.detach();
      await triggers.idle();
      s3.destroy();
      events.destroy();
      secrets.destroy();
      await cloud.stop();
    },
  };
}
