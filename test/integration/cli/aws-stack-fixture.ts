import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeployStore, type DeployStore } from '../../../functions/lib/store/index.js';
import { type LocalCloud, startLocalCloud } from '../../../local/cloud/index.js';
import {
  attachTriggers,
  createLocalPipeline,
  LocalStack,
  type LocalTriggers,
} from '../../../local/pipeline/index.js';
import { type FakeCloudFormation, startFakeCloudFormation } from './fake-cloudformation.js';
import { type FakeStepFunctions, startFakeStepFunctions } from './fake-step-functions.js';

/**
 * An "AWS stack" for the CLI made of the local cloud's emulators (S3, DynamoDB, EventBridge, Secrets
 * Manager) with the pipeline's rules attached, plus thin fakes for the two APIs no emulator serves:
 * CloudFormation `DescribeStacks` (the stack's outputs) and Step Functions history, fed by the real runs.
 */
export interface AwsStackFixture {
  readonly stackName: string;
  readonly cloud: LocalCloud;
  readonly triggers: LocalTriggers;
  readonly store: DeployStore;
  readonly cloudformation: FakeCloudFormation;
  readonly stepFunctions: FakeStepFunctions;
  /** The environment a user's shell would have: credentials, region and `AWS_ENDPOINT_URL_<SERVICE>`. */
  readonly awsEnv: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/** Starts the fixture in a temporary data directory. */
export async function startAwsStackFixture(stackName = 'agentdrop-test'): Promise<AwsStackFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'agentdrop-aws-cli-'));
  const cloud = await startLocalCloud({ dataDir });
  const [cloudformation, stepFunctions] = await Promise.all([
    startFakeCloudFormation(),
    startFakeStepFunctions(cloud.region, cloud.accountId),
  ]);
  const pipeline = createLocalPipeline(cloud);
  const triggers: LocalTriggers = attachTriggers(cloud, pipeline, (event) => {
    const options = stepFunctions.record(event);
    // attachTriggers keeps the run right after this returns; close the execution when it ends.
    queueMicrotask(() => {
      const run = triggers.runs().find((candidate) => candidate.event === event);
      void run?.result.then((result) => stepFunctions.finish(event, result));
    });
    return options;
  });
  cloudformation.stacks.set(stackName, {
    DropBucketName: cloud.resources.dropBucket,
    ArtifactsBucketName: cloud.resources.artifactsBucket,
    StateMachineArn: stepFunctions.stateMachineArn,
    TableName: cloud.resources.tableName,
    EventBusName: LocalStack.eventBusName,
    Region: cloud.region,
  });
  return {
    stackName,
    cloud,
    triggers,
    store: createDeployStore({
      documents: pipeline.deps.clients.documents,
      tableName: cloud.resources.tableName,
    }),
    cloudformation,
    stepFunctions,
    awsEnv: {
      AWS_REGION: cloud.region,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_CONFIG_FILE: join(dataDir, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dataDir, 'no-aws-credentials'),
      // s3rver stores default (aws-chunked) checksummed uploads verbatim (toolchain.md §4).
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      AWS_ENDPOINT_URL_CLOUDFORMATION: cloudformation.endpoint,
      AWS_ENDPOINT_URL_SFN: stepFunctions.endpoint,
      AWS_ENDPOINT_URL_S3: cloud.endpoints.s3,
      AWS_ENDPOINT_URL_DYNAMODB: cloud.endpoints.dynamodb,
      AWS_ENDPOINT_URL_EVENTBRIDGE: cloud.endpoints.eventbridge,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: cloud.endpoints.secretsmanager,
    },
    stop: async () => {
      triggers.detach();
      await triggers.idle();
      await Promise.all([cloud.stop(), cloudformation.close(), stepFunctions.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
