import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createDeployStore } from '../../functions/lib/store/index.js';
import { dataDirHolder } from '../../local/cloud/data-dir-lock.js';
import { type LocalEndpoints, readEndpointFile } from '../../local/endpoints/index.js';
import { type FaultFlag, parseFaultFlag } from '../../local/faults/index.js';
import type { LocalTriggers } from '../../local/pipeline/index.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';
import { attachLocalTarget } from './attach-local-target.js';
import type { DeployTarget, FollowedRun, RunListener, RunTrigger } from './deploy-target.js';
import { findReceipt } from './find-receipt.js';
import { listSecretVersions } from './list-secret-versions.js';
import { localDataDir } from './local-data-dir.js';
import { putSecretValue } from './put-secret-value.js';
import { scanStates } from './scan-states.js';
import { seedSecretsFromEnv } from './seed-secrets-from-env.js';

/**
 * Opens the local cloud of the project's data directory: attaches to it when one runs there
 * (`agentdrop local start`, found by its endpoint file), else starts the embedded local cloud in this
 * process with the pipeline's rules attached, so an upload, a delete or a redeploy request starts runs
 * exactly as on AWS, through the same state machine and handlers.
 */
export async function openLocalTarget(io: CliIo, onRun?: RunListener): Promise<DeployTarget> {
  const dataDir = localDataDir(io);
  const running = readEndpointFile(dataDir);
  if (running !== null) {
    if (io.env.AGENTDROP_LOCAL_FAULTS?.trim()) {
      io.stderr(
        'AGENTDROP_LOCAL_FAULTS is ignored: the running local cloud has the faults it was started with (`agentdrop local start --fault`).\n',
      );
    }
    return attachLocalTarget(io, running, onRun);
  }
  try {
    return await startInProcess(io, dataDir, onRun);
  } catch (error) {
    // A server that is starting holds the directory before its endpoint file exists: wait for it to be ready.
    const started =
      error instanceof Error && error.name === 'LocalCloudBusy'
        ? await endpointFileOfStartingServer(dataDir)
        : null;
    if (started === null) throw error;
    return attachLocalTarget(io, started, onRun);
  }
}

/** The endpoint file of a server that holds `dataDir`, once it is written; null when no server starts (5 s). */
async function endpointFileOfStartingServer(dataDir: string): Promise<LocalEndpoints | null> {
  const deadline = performance.now() + 5_000;
  for (;;) {
    const endpoints = readEndpointFile(dataDir);
    if (endpoints !== null || dataDirHolder(dataDir) === null || performance.now() > deadline)
      return endpoints;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function startInProcess(io: CliIo, dataDir: string, onRun?: RunListener): Promise<DeployTarget> {
  const { startLocalCloud } = await import('../../local/cloud/index.js');
  const { attachTriggers, createLocalPipeline, LocalStack } = await import('../../local/pipeline/index.js');
  const cloud = await startLocalCloud({ dataDir, faults: faultsFromEnv(io) });
  const pipeline = createLocalPipeline(cloud);
  // Runs live in this process: Ctrl-C (or a kill) stops them as StopExecution would, so the finalizer fails
  // them, frees their locks and publishes their outcome before the process ends.
  const interrupt = new AbortController();
  const stopRuns = (signal: NodeJS.Signals): void => {
    io.stderr(
      `\n${signal}: stopping the running deploy; it will be recorded as failed (ExecutionAborted).\n`,
    );
    interrupt.abort();
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.once(signal, stopRuns);
  const triggers: LocalTriggers = attachTriggers(cloud, pipeline, (event) => {
    const onEvent = onRun?.(event);
    return { signal: interrupt.signal, ...(onEvent ? { onEvent } : {}) };
  });
  const s3 = new S3Client(cloud.clientConfig('s3'));
  const events = new EventBridgeClient(cloud.clientConfig('eventbridge'));
  const secrets = new SecretsManagerClient(cloud.clientConfig('secretsmanager'));
  const bucket = cloud.resources.dropBucket;
  const store = createDeployStore({
    documents: pipeline.deps.clients.documents,
    tableName: cloud.resources.tableName,
  });
  const trigger = (project: string): RunTrigger => ({
    kind: 'local',
    project,
    from: triggers.runs().length,
  });
  return {
    kind: 'local',
    runsHere: true,
    store,
    secretPrefix: LocalStack.secretPrefix,
    listStates: () => scanStates(pipeline.deps.clients.documents, cloud.resources.tableName),
    upload: async (project, zip) => {
      const started = trigger(project);
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `drops/${project}.zip`, Body: zip }));
      return started;
    },
    deleteDrop: async (project) => {
      const started = trigger(project);
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: `drops/${project}.zip` }));
      return started;
    },
    requestRedeploy: async (project, force) => {
      const started = trigger(project);
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
      return started;
    },
    putSecret: (name, value) => putSecretValue(secrets, `${LocalStack.secretPrefix}${name}`, value),
    listSecrets: () => listSecretVersions(secrets, LocalStack.secretPrefix),
    seedSecrets: (names, env) => seedSecretsFromEnv(secrets, LocalStack.secretPrefix, names, env),
    settle: async (started) => {
      if (started.kind !== 'local') throw new TypeError('settle needs a trigger of the local target');
      await triggers.idle();
      return Promise.all(
        triggers
          .runs()
          .slice(started.from)
          .map(async (run): Promise<FollowedRun> => {
            const result = await run.result;
            const metadata = (
              result.events[0]?.detail as { metadata?: { deployId?: string; project?: string } } | undefined
            )?.metadata;
            return {
              event: run.event,
              project: metadata?.project ?? started.project,
              executionArn: result.executionArn,
              status: result.status,
              ...(result.error ? { error: result.error } : {}),
              transitions: result.transitions,
              durationMs: result.durationMs,
              deployId: metadata?.deployId ?? null,
              events: result.events,
            };
          }),
      );
    },
    receiptOf: (run) => findReceipt(store, run),
    close: async () => {
      for (const signal of signals) process.off(signal, stopRuns);
      triggers.detach();
      await triggers.idle();
      s3.destroy();
      events.destroy();
      secrets.destroy();
      await cloud.stop();
    },
  };
}

/**
 * Faults for the in-process local cloud of any command, as `agentdrop local start --fault` takes them:
 * `AGENTDROP_LOCAL_FAULTS="agentcore:CreateHarness=slow_ready:1:3000,s3:PutObject=throttle:2"`.
 */
function faultsFromEnv(io: CliIo): FaultFlag[] {
  const text = io.env.AGENTDROP_LOCAL_FAULTS?.trim();
  if (!text) return [];
  return text.split(',').map((flag) => {
    const parsed = parseFaultFlag(flag);
    if ('error' in parsed) throw new UsageError(`AGENTDROP_LOCAL_FAULTS: ${parsed.error}`);
    return parsed;
  });
}
