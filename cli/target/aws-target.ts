import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore';
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  S3Client,
} from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ExecutionStatus } from '../../functions/lib/execution-status/index.js';
import { createDeployStore } from '../../functions/lib/store/index.js';
import type { CliIo } from '../io.js';
import type { DeployTarget, FollowedRun, RunListener } from './deploy-target.js';
import { ArtifactsBucketUnknown, RedeployNotPublished } from './errors.js';
import { findExecutions } from './find-executions.js';
import { findReceipt } from './find-receipt.js';
import { followExecution, readHistory } from './follow-execution.js';
import { listSecretVersions } from './list-secret-versions.js';
import { type PipelineLogGroups, stackPipelineLogGroups } from './pipeline-log-groups.js';
import { type PollOptions, pollOptions } from './poll-options.js';
import { putSecretValue } from './put-secret-value.js';
import { resolveStackOutputs, type StackOutputs } from './stack-outputs.js';

/** The AWS services the CLI calls on a stack. */
export type AwsService =
  | 'cloudformation'
  | 'sfn'
  | 's3'
  | 'dynamodb'
  | 'eventbridge'
  | 'secretsmanager'
  | 'agentcore'
  | 'logs';

/** Settings layered over the SDK's defaults for one client (tests point clients at emulators with these). */
export interface AwsClientOverrides {
  /** Named profile of the shared config and credentials files (credentials, and region when none is set). */
  readonly profile?: string;
  readonly endpoint?: string;
  readonly region?: string;
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
  /** S3 only. */
  readonly forcePathStyle?: boolean;
  /** S3 only. */
  readonly requestChecksumCalculation?: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED';
  /** S3 only. */
  readonly responseChecksumValidation?: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED';
  /** Options of the SDK's HTTP handler (a local cloud's clients end a call nobody answers). */
  readonly requestHandler?: { readonly socketTimeout: number };
}

/** Options of {@link openAwsTarget}. */
export interface AwsTargetOptions {
  /** Where each found run's progress goes. @default runs are followed quietly */
  readonly onRun?: RunListener;
  /**
   * Overrides per client. @default none: the SDK's default credential chain, region and endpoint
   * resolution (`AWS_PROFILE`, `AWS_REGION`, `AWS_ENDPOINT_URL_<SERVICE>`, …); data-plane clients use the
   * stack's `Region` output
   */
  readonly clientConfig?: (service: AwsService) => AwsClientOverrides;
  /** Polling of executions. @default {@link pollOptions} from the environment */
  readonly poll?: Partial<PollOptions>;
  /** The stack's outputs when already known (a running local cloud's endpoint file). @default read with DescribeStacks */
  readonly outputs?: StackOutputs;
  /** AWS profile of every client (`--profile`). @default the SDK's chain: `AWS_PROFILE`, else `default` */
  readonly profile?: string;
  /**
   * Region the stack is looked up in (`--region`). @default the SDK's chain: `AWS_REGION`, the profile's region;
   * data-plane clients use the stack's `Region` output either way
   */
  readonly region?: string;
}

/** An opened AWS target, with the outputs it resolved. */
export interface AwsTarget extends DeployTarget {
  readonly kind: 'aws';
  readonly outputs: StackOutputs;
}

/**
 * Opens a deployed AgentDrop stack as a deploy target: resolves its outputs with `DescribeStacks`, then
 * uploads and deletes drops in its bucket, puts `Redeploy Requested` on its bus, reads its table, manages
 * secrets under its prefix, and follows the executions an action starts through their history.
 * @throws StackNotFound, StackOutputMissing, RegionMissing or CredentialsMissing.
 */
export async function openAwsTarget(
  io: CliIo,
  stackName: string,
  options: AwsTargetOptions = {},
): Promise<AwsTarget> {
  const overrides = options.clientConfig ?? (() => ({}));
  const profile = options.profile ? { profile: options.profile } : {};
  const outputs =
    options.outputs ??
    (await describeOutputs(stackName, {
      ...profile,
      ...(options.region ? { region: options.region } : {}),
      ...overrides('cloudformation'),
    }));
  const config = (service: AwsService): AwsClientOverrides => ({
    ...profile,
    region: outputs.region,
    ...overrides(service),
  });
  const poll = pollOptions(io.env, options.poll);
  const s3 = new S3Client({ ...config('s3') });
  const sfn = new SFNClient(dataPlane(config('sfn')));
  const events = new EventBridgeClient(dataPlane(config('eventbridge')));
  const secrets = new SecretsManagerClient(dataPlane(config('secretsmanager')));
  const dynamodb = new DynamoDBClient(dataPlane(config('dynamodb')));
  const documents = DynamoDBDocumentClient.from(dynamodb, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const store = createDeployStore({ documents, tableName: outputs.tableName });
  const key = (project: string): string => `drops/${project}.zip`;
  const artifactsBucket = (): string => {
    if (outputs.artifactsBucketName === null) throw new ArtifactsBucketUnknown(stackName);
    return outputs.artifactsBucketName;
  };
  /** An object's bytes, or null when it is absent. */
  const readObject = async (bucket: string, objectKey: string): Promise<Uint8Array | null> => {
    try {
      const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }));
      return (await Body?.transformToByteArray()) ?? new Uint8Array();
    } catch (error) {
      if (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound')) return null;
      throw error;
    }
  };
  /** Data-plane clients by region, created on first use (an invoke may target the agent's own region). */
  const agentCore = new Map<string, BedrockAgentCoreClient>();
  /** Control-plane clients by region, created on first use (`drift` reads the agent in its own region). */
  const agentCoreControl = new Map<string, BedrockAgentCoreControlClient>();
  /** CloudWatch Logs clients by region (the stack's, and an agent's own), created on first use. */
  const logs = new Map<string, Promise<CloudWatchLogsClient>>();
  let logGroups: Promise<PipelineLogGroups> | undefined;

  return {
    kind: 'aws',
    runsHere: false,
    outputs,
    store,
    secretPrefix: outputs.secretPrefix,
    region: outputs.region,
    stackName: outputs.stackName,
    listStates: () => store.state.listStates(),
    upload: async (project, zip) => {
      const at = poll.now();
      const { VersionId } = await s3.send(
        new PutObjectCommand({ Bucket: outputs.dropBucketName, Key: key(project), Body: zip }),
      );
      return {
        project,
        at,
        match: { detailType: 'Object Created', key: key(project), versionId: VersionId ?? null },
      };
    },
    hasDrop: async (project) => {
      try {
        await s3.send(new HeadObjectCommand({ Bucket: outputs.dropBucketName, Key: key(project) }));
        return true;
      } catch (error) {
        // HEAD has no body: a missing key (or a delete marker on a versioned bucket) answers 404 NotFound, or
        // 403 Forbidden to a caller without s3:ListBucket, which is also what a caller without s3:GetObject
        // gets: either way the bucket shows no drop to this caller, and STATE and receipts decide.
        if (error instanceof Error && (error.name === 'NotFound' || error.name === 'Forbidden')) return false;
        throw error;
      }
    },
    deleteDrop: async (project) => {
      const at = poll.now();
      const { VersionId } = await s3.send(
        new DeleteObjectCommand({ Bucket: outputs.dropBucketName, Key: key(project) }),
      );
      return {
        project,
        at,
        match: { detailType: 'Object Deleted', key: key(project), versionId: VersionId ?? null },
      };
    },
    requestRedeploy: async (project, force, rollbackTo) => {
      const at = poll.now();
      const { Entries } = await events.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: outputs.eventBusName,
              Source: 'agentdrop.cli',
              DetailType: 'Redeploy Requested',
              Detail: JSON.stringify({
                project,
                ...(force ? { force: true } : {}),
                ...(rollbackTo !== undefined ? { rollbackTo } : {}),
              }),
            },
          ],
        }),
      );
      const entry = Entries?.[0];
      if (!entry?.EventId) {
        throw new RedeployNotPublished(project, entry?.ErrorCode ?? 'Unknown', entry?.ErrorMessage ?? '');
      }
      return {
        project,
        at,
        match: { detailType: 'Redeploy Requested', eventId: entry.EventId },
      };
    },
    putSecret: (name, value) => putSecretValue(secrets, `${outputs.secretPrefix}${name}`, value),
    listSecrets: () => listSecretVersions(secrets, outputs.secretPrefix),
    readPlan: async (project, deployId) => {
      const bytes = await readObject(artifactsBucket(), `plans/${project}/${deployId}.json`);
      return bytes === null ? null : (JSON.parse(new TextDecoder().decode(bytes)) as unknown);
    },
    readArtifact: (key) => readObject(artifactsBucket(), key),
    readObjects: async (bucket, prefix) => {
      const Bucket = bucket ?? artifactsBucket();
      const keys: string[] = [];
      for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket, Prefix: prefix })) {
        for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      }
      const objects = new Map<string, Uint8Array>();
      for (const key of keys) {
        const bytes = await readObject(Bucket, key);
        if (bytes !== null) objects.set(key.slice(prefix.length), bytes);
      }
      return objects;
    },
    agentCore: (region) => {
      let client = agentCore.get(region);
      if (client === undefined) {
        // The agent's region, unless the overrides place every client (a local cloud serves all regions).
        client = new BedrockAgentCoreClient({
          ...dataPlane(config('agentcore')),
          region,
          ...overrides('agentcore'),
        });
        agentCore.set(region, client);
      }
      return client;
    },
    agentCoreControl: (region) => {
      let client = agentCoreControl.get(region);
      if (client === undefined) {
        client = new BedrockAgentCoreControlClient({
          ...dataPlane(config('agentcore')),
          region,
          ...overrides('agentcore'),
        });
        agentCoreControl.set(region, client);
      }
      return client;
    },
    executionHistory: (executionArn) => readHistory(sfn, executionArn),
    logs: (region) => {
      let client = logs.get(region);
      if (client === undefined) {
        // Loaded here: no other command pays for the CloudWatch Logs SDK.
        client = import('@aws-sdk/client-cloudwatch-logs').then(
          ({ CloudWatchLogsClient }) =>
            new CloudWatchLogsClient({ ...dataPlane(config('logs')), region, ...overrides('logs') }),
        );
        logs.set(region, client);
      }
      return client;
    },
    pipelineLogGroups: () => {
      if (logGroups === undefined) {
        const cloudformation = new CloudFormationClient({
          ...profile,
          region: outputs.region,
          ...overrides('cloudformation'),
        });
        logGroups = stackPipelineLogGroups(cloudformation, outputs.stackName).finally(() =>
          cloudformation.destroy(),
        );
      }
      return logGroups;
    },
    // Secrets of a real account are set deliberately (`agentdrop secrets set`), never from the environment.
    seedSecrets: async () => [],
    settle: async (trigger) => {
      const found = await findExecutions({
        sfn,
        stateMachineArn: outputs.stateMachineArn,
        match: trigger.match,
        at: trigger.at,
        poll,
      });
      return Promise.all(
        found.map(async (execution): Promise<FollowedRun> => {
          const followed = await followExecution(
            sfn,
            execution.executionArn,
            poll,
            options.onRun?.(execution.input),
          );
          return { event: execution.input, project: trigger.project, ...followed };
        }),
      );
    },
    receiptOf: (run) =>
      findReceipt(store, run, {
        // GetItem reads are eventually consistent, and a run that died gets its receipt from the
        // status-change cleanup shortly after it ends.
        attempts: run.status === ExecutionStatus.Succeeded ? 3 : 10,
        intervalMs: poll.intervalMs,
        sleep: poll.sleep,
      }),
    close: async () => {
      for (const client of await Promise.all(logs.values())) client.destroy();
      for (const client of [
        s3,
        sfn,
        events,
        secrets,
        dynamodb,
        ...agentCore.values(),
        ...agentCoreControl.values(),
      ])
        client.destroy();
    },
  };
}

function describeOutputs(stackName: string, overrides: AwsClientOverrides): Promise<StackOutputs> {
  const cloudformation = new CloudFormationClient({ ...overrides });
  return resolveStackOutputs(cloudformation, stackName).finally(() => cloudformation.destroy());
}

/** Drops the S3-only settings for the other clients. */
function dataPlane(config: AwsClientOverrides): AwsClientOverrides {
  const {
    forcePathStyle: _path,
    requestChecksumCalculation: _request,
    responseChecksumValidation: _response,
    ...rest
  } = config;
  return rest;
}
