import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore';
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PipelineConfig, ServiceName } from './config.js';
import { EmulatedS3Options } from './emulated-s3-options.js';

/** The SDK clients the pipeline's Lambdas use, created once per cold start. */
export interface PipelineClients {
  readonly s3: S3Client;
  readonly dynamodb: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly events: EventBridgeClient;
  readonly secrets: SecretsManagerClient;
  readonly agentCoreControl: BedrockAgentCoreControlClient;
  readonly agentCore: BedrockAgentCoreClient;
}

/**
 * Settings layered over every client's defaults, per service: the local cloud's request timeouts and retry
 * delays (`LocalCloud.sdkSettings`), and credentials naming the calling function (the local cloud's IAM
 * enforcement). A function, so stateful parts (a retry strategy) are one per client.
 */
export type ClientOverrides = (service: ServiceName) => Pick<
  S3ClientConfig,
  'requestHandler' | 'retryStrategy' | 'maxAttempts'
> & {
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
};

const noOverrides: ClientOverrides = () => ({});

/** Credentials the local cloud's emulators accept (s3rver checks these; the others accept any). */
const emulatorCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/**
 * Client options for one service: region, and with an endpoint override (local cloud) the endpoint and
 * emulator credentials, so the production code paths run unchanged against the emulators.
 */
export function clientOptions(
  config: Pick<PipelineConfig, 'region' | 'endpoints' | 'emulated'>,
  service: ServiceName,
): { region: string; endpoint?: string; credentials?: typeof emulatorCredentials } {
  const endpoint = config.endpoints[service];
  if (endpoint === undefined) return { region: config.region };
  return { region: config.region, endpoint, credentials: emulatorCredentials };
}

/** Creates every SDK client the pipeline uses, honouring the endpoint overrides of {@link PipelineConfig}. */
export function createClients(
  config: Pick<PipelineConfig, 'region' | 'endpoints' | 'emulated'>,
  overrides: ClientOverrides = noOverrides,
): PipelineClients {
  const options = (service: ServiceName) => ({ ...clientOptions(config, service), ...overrides(service) });
  const dynamodb = new DynamoDBClient(options('dynamodb'));
  const s3Options = options('s3');
  return {
    s3: new S3Client({
      ...s3Options,
      ...(s3Options.endpoint ? EmulatedS3Options : {}),
    }),
    dynamodb,
    documents: DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
    events: new EventBridgeClient(options('events')),
    secrets: new SecretsManagerClient(options('secretsmanager')),
    agentCoreControl: new BedrockAgentCoreControlClient(options('agentcorecontrol')),
    agentCore: new BedrockAgentCoreClient(options('agentcore')),
  };
}
