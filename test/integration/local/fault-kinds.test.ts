import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedrockAgentCoreClient, StopRuntimeSessionCommand } from '@aws-sdk/client-bedrock-agentcore';
import {
  BedrockAgentCoreControlClient,
  ListHarnessesCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { BatchGetBuildsCommand, CodeBuildClient } from '@aws-sdk/client-codebuild';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalCloud, SdkMaxAttempts, startLocalCloud } from '../../../local/cloud/index.js';
import type { FaultKind } from '../../../local/faults/index.js';

const requestTimeoutMs = 150;

/** Sends one command with a fresh client and destroys the client (its keep-alive sockets) afterwards. */
async function sendOnce<T>(
  client: { send(command: never): Promise<T>; destroy(): void },
  command: unknown,
): Promise<T> {
  try {
    return await client.send(command as never);
  } finally {
    client.destroy();
  }
}

/** One cheap call per local service, through the real SDK client, and the names its errors carry. */
interface Probe {
  readonly service: string;
  readonly operation: string;
  readonly call: (cloud: LocalCloud) => Promise<{ $metadata: { attempts?: number } }>;
  readonly throttle: string;
  readonly serverError: string;
  readonly accessDenied: [name: string, status: number];
}

const probes: readonly Probe[] = [
  {
    service: 's3',
    operation: 'ListObjectsV2',
    call: (cloud) =>
      new S3Client(cloud.clientConfig('s3')).send(
        new ListObjectsV2Command({ Bucket: cloud.resources.dropBucket }),
      ),
    throttle: 'SlowDown',
    serverError: 'InternalError',
    accessDenied: ['AccessDenied', 403],
  },
  {
    service: 'dynamodb',
    operation: 'DescribeTable',
    call: (cloud) =>
      sendOnce(
        new DynamoDBClient(cloud.clientConfig('dynamodb')),
        new DescribeTableCommand({ TableName: cloud.resources.tableName }),
      ),
    throttle: 'ThrottlingException',
    serverError: 'InternalServerError',
    accessDenied: ['AccessDeniedException', 400],
  },
  {
    service: 'eventbridge',
    operation: 'PutEvents',
    call: (cloud) =>
      sendOnce(
        new EventBridgeClient(cloud.clientConfig('eventbridge')),
        new PutEventsCommand({
          Entries: [{ Source: 'test', DetailType: 'Probe', Detail: '{}', EventBusName: 'agentdrop' }],
        }),
      ),
    throttle: 'ThrottlingException',
    serverError: 'InternalException',
    accessDenied: ['AccessDeniedException', 400],
  },
  {
    service: 'codebuild',
    operation: 'BatchGetBuilds',
    call: (cloud) =>
      sendOnce(
        new CodeBuildClient(cloud.clientConfig('codebuild')),
        new BatchGetBuildsCommand({ ids: ['p:1'] }),
      ),
    throttle: 'ThrottlingException',
    serverError: 'InternalFailure',
    accessDenied: ['AccessDeniedException', 400],
  },
  {
    service: 'ecr',
    operation: 'DescribeRepositories',
    call: (cloud) => sendOnce(new ECRClient(cloud.clientConfig('ecr')), new DescribeRepositoriesCommand({})),
    throttle: 'ThrottlingException',
    serverError: 'ServerException',
    accessDenied: ['AccessDeniedException', 400],
  },
  {
    service: 'secretsmanager',
    operation: 'ListSecrets',
    call: (cloud) =>
      sendOnce(new SecretsManagerClient(cloud.clientConfig('secretsmanager')), new ListSecretsCommand({})),
    throttle: 'ThrottlingException',
    serverError: 'InternalServiceError',
    accessDenied: ['AccessDeniedException', 400],
  },
  {
    service: 'agentcore-control',
    operation: 'ListHarnesses',
    call: (cloud) =>
      sendOnce(
        new BedrockAgentCoreControlClient(cloud.clientConfig('agentcore-control')),
        new ListHarnessesCommand({}),
      ),
    throttle: 'ThrottlingException',
    serverError: 'InternalServerException',
    accessDenied: ['AccessDeniedException', 403],
  },
  {
    service: 'agentcore',
    operation: 'StopRuntimeSession',
    call: (cloud) =>
      sendOnce(
        new BedrockAgentCoreClient(cloud.clientConfig('agentcore')),
        new StopRuntimeSessionCommand({
          agentRuntimeArn: 'arn:aws:bedrock-agentcore:us-west-2:000000000000:runtime/probe-abcdefghij',
          runtimeSessionId: 's'.repeat(33),
        }),
      ),
    throttle: 'ThrottlingException',
    serverError: 'InternalServerException',
    accessDenied: ['AccessDeniedException', 403],
  },
];

/** The SDK error a probe ends with under a fault, reduced to what the tests compare. */
async function failureOf(
  cloud: LocalCloud,
  probe: Probe,
  kind: FaultKind,
  count: number,
): Promise<{ name: string; status: number | undefined; attempts: number | undefined; ms: number }> {
  cloud.faults(probe.service).set(probe.operation, { kind, count });
  const started = performance.now();
  try {
    await probe.call(cloud);
    throw new Error(`${probe.service} ${probe.operation} succeeded under ${kind}`);
  } catch (error) {
    const { name, $metadata } = error as {
      name: string;
      $metadata?: { httpStatusCode?: number; attempts?: number };
    };
    return {
      name,
      status: $metadata?.httpStatusCode,
      attempts: $metadata?.attempts,
      ms: performance.now() - started,
    };
  }
}

describe('fault kinds through the real SDK clients', () => {
  let cloud: LocalCloud;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'agentdrop-faults-'));
    cloud = await startLocalCloud({ dataDir, sdk: { requestTimeoutMs, retryDelayMs: 0 } });
  });
  beforeEach(() => {
    for (const probe of probes) cloud.faults(probe.service).clear();
  });
  afterAll(async () => {
    await cloud.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe.each(probes)('$service $operation', (probe) => {
    it('throttles past the SDK retries with the service throttling error', async () => {
      expect(await failureOf(cloud, probe, 'throttle', SdkMaxAttempts)).toMatchObject({
        name: probe.throttle,
        attempts: SdkMaxAttempts,
      });
    });

    it('answers 500 past the SDK retries with the service internal error', async () => {
      expect(await failureOf(cloud, probe, 'server_error', SdkMaxAttempts)).toMatchObject({
        name: probe.serverError,
        status: 500,
        attempts: SdkMaxAttempts,
      });
    });

    it('denies access with the protocol AccessDenied shape, which the SDK does not retry', async () => {
      const [name, status] = probe.accessDenied;
      expect(await failureOf(cloud, probe, 'access_denied', 1)).toMatchObject({ name, status, attempts: 1 });
      expect(cloud.faults(probe.service).pending()).toEqual({});
    });

    it('never answers: each attempt ends at the client request timeout, well under a second in all', async () => {
      const failure = await failureOf(cloud, probe, 'network_timeout', SdkMaxAttempts);
      expect(failure).toMatchObject({ name: 'TimeoutError', attempts: SdkMaxAttempts });
      expect(failure.ms).toBeGreaterThanOrEqual(SdkMaxAttempts * requestTimeoutMs - 10);
      expect(failure.ms).toBeLessThan(1000);
    });
  });

  describe('when a network_timeout fault has a delay', () => {
    it('drops the connection after that delay: the SDK sees a socket error it retries as a timeout', async () => {
      const probe = probes[1]!;
      cloud.faults(probe.service).set(probe.operation, { kind: 'network_timeout', count: 1, delayMs: 20 });
      const started = performance.now();
      const output = await probe.call(cloud);
      expect(output.$metadata.attempts).toBe(2);
      expect(performance.now() - started).toBeLessThan(requestTimeoutMs);
    });
  });

  describe('when the fault is shorter than the SDK retries', () => {
    it('succeeds on the last attempt', async () => {
      const probe = probes[0]!;
      cloud.faults(probe.service).set(probe.operation, { kind: 'server_error', count: SdkMaxAttempts - 1 });
      expect((await probe.call(cloud)).$metadata.attempts).toBe(SdkMaxAttempts);
    });
  });

  describe('when a fault skips calls with after', () => {
    it('lets the skipped calls through, faults the next ones and records each call in order', async () => {
      const probe = probes[2]!;
      const mark = cloud.calls.mark();
      cloud.faults(probe.service).set(probe.operation, { kind: 'access_denied', after: 2 });
      await probe.call(cloud);
      await probe.call(cloud);
      await expect(probe.call(cloud)).rejects.toMatchObject({ name: 'AccessDeniedException' });
      await probe.call(cloud);
      expect(cloud.calls.calls(mark).map((call) => [call.service, call.operation, call.fault])).toEqual([
        ['eventbridge', 'PutEvents', null],
        ['eventbridge', 'PutEvents', null],
        ['eventbridge', 'PutEvents', 'access_denied'],
        ['eventbridge', 'PutEvents', null],
      ]);
    });
  });
});
