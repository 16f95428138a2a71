import { constants } from 'node:os';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { localClientConfig } from '../../local/cloud/client-config.js';
import type { LocalEndpoints } from '../../local/endpoints/index.js';
import type { LocalServer } from '../../local/server/index.js';
import type { CliIo } from '../io.js';
import { type AwsClientOverrides, type AwsService, openAwsTarget } from './aws-target.js';
import type { DeployTarget, RunListener } from './deploy-target.js';
import { localPipelineLogGroups } from './pipeline-log-groups.js';
import { seedLocalSecrets } from './seed-local-secrets.js';

/** The endpoint-file service each client of the AWS target talks to. */
const EndpointOf: Readonly<Record<Exclude<AwsService, 'cloudformation'>, string>> = {
  s3: 's3',
  sfn: 'stepfunctions',
  dynamodb: 'dynamodb',
  eventbridge: 'eventbridge',
  secretsmanager: 'secretsmanager',
  agentcore: 'agentcore',
  logs: 'logs',
};

/**
 * How often a command polls the local cloud's executions unless `AGENTDROP_POLL_INTERVAL_MS` says: a cloud in
 * this process answers in microseconds, so it is polled often enough not to add to a run's wall time.
 */
const LocalPollIntervalMs = { attached: 200, inProcess: 25 } as const;

/**
 * Attaches to a local cloud that runs in another process (`agentdrop local start`), through its endpoint
 * file: the same target as for an AWS stack — S3 uploads and deletes, PutEvents, the table, and runs found
 * with ListExecutions and followed with GetExecutionHistory — with every client pointed at the local
 * endpoints. Runs belong to that process: a command that stops following (Ctrl-C) leaves them running.
 * With `host`, the cloud runs in this process and dies with it: the command waits for every run it hosts
 * before closing, and Ctrl-C stops them (they end ABORTED, finalized, their locks freed).
 * Like every local target, it seeds missing secrets from the environment.
 */
export async function attachLocalTarget(
  io: CliIo,
  cloud: LocalEndpoints,
  onRun?: RunListener,
  host?: LocalServer,
): Promise<DeployTarget> {
  const clientConfig = (service: AwsService): AwsClientOverrides => {
    if (service === 'cloudformation') return {};
    // The local cloud's client settings (timeouts, S3 path style), signed with the credentials it announced.
    const config = localClientConfig(
      cloud.endpoints[EndpointOf[service]] ?? '',
      cloud.region,
      service === 's3',
    );
    const { retryStrategy: _retries, ...settings } = config;
    return { ...settings, credentials: { ...cloud.credentials } };
  };
  const target = await openAwsTarget(io, 'agentdrop-local', {
    outputs: {
      stackName: 'agentdrop-local',
      dropBucketName: cloud.resources.dropBucket,
      stateMachineArn: cloud.resources.stateMachineArn,
      tableName: cloud.resources.tableName,
      eventBusName: cloud.resources.eventBusName,
      region: cloud.region,
      secretPrefix: cloud.resources.secretPrefix,
      artifactsBucketName: cloud.resources.artifactsBucket,
    },
    clientConfig,
    ...(onRun ? { onRun } : {}),
    ...(io.env.AGENTDROP_POLL_INTERVAL_MS
      ? {}
      : { poll: { intervalMs: LocalPollIntervalMs[host ? 'inProcess' : 'attached'] } }),
  });
  const secrets = new SecretsManagerClient(clientConfig('secretsmanager'));
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const stopFollowing = (signal: NodeJS.Signals): void => {
    if (host) {
      // The runs live in this process: stop them as StopExecution would; the command reports how they ended.
      // A command that runs none (`logs --follow`) just stops.
      const running = host.stepfunctions.executions().some((execution) => execution.status === 'RUNNING');
      io.stderr(
        running
          ? `\n${signal}: stopping the running deploy; it will be recorded as failed (ExecutionAborted).\n`
          : `\n${signal}: stopping.\n`,
      );
      host.abortRuns();
      return;
    }
    // Runs belong to the local cloud: an interrupted command stops reading, says so, and leaves them running.
    io.stderr(
      `\n${signal}: stopped following. Runs started in the local cloud go on there (pid ${cloud.pid}); \`agentdrop status <project>\` shows how they end.\n`,
    );
    process.exit(128 + (constants.signals[signal] ?? 0));
  };
  for (const signal of signals) process.once(signal, stopFollowing);
  // Every other method is the AWS target's: the local cloud serves every region's data plane and logs on one
  // endpoint, so its per-region clients need no change.
  return {
    ...target,
    kind: 'local',
    runsHere: host !== undefined,
    pipelineLogGroups: async () => localPipelineLogGroups(),
    seedSecrets: (names, env) => seedLocalSecrets(secrets, target.secretPrefix, names, env),
    close: async () => {
      try {
        // Runs the command's runs started (a queued drop's redeploy) end before the cloud does.
        await host?.idle();
      } finally {
        for (const signal of signals) process.off(signal, stopFollowing);
        secrets.destroy();
        await target.close();
        await host?.stop();
      }
    },
  };
}
