import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeployStore, type DeployStore } from '../../../functions/lib/store/index.js';
import type { LocalCloud } from '../../../local/cloud/index.js';
import { type CallRecorder, createCallRecorder, createFaultInjector } from '../../../local/faults/index.js';
import { createLocalPipeline } from '../../../local/pipeline/index.js';
import { type LocalServer, startLocalServer } from '../../../local/server/index.js';
import { type FakeCloudFormation, startFakeCloudFormation } from './fake-cloudformation.js';

/**
 * An "AWS stack" for the CLI: the local cloud server (S3, DynamoDB, EventBridge, Secrets Manager, the
 * pipeline's rules and the Step Functions endpoint its runs are followed through) plus a thin fake of the one
 * API no emulator serves, CloudFormation (`DescribeStacks` for the stack's outputs, `ListStackResources` for its
 * log groups).
 */
export interface AwsStackFixture {
  readonly stackName: string;
  readonly cloud: LocalCloud;
  readonly server: LocalServer;
  readonly store: DeployStore;
  readonly cloudformation: FakeCloudFormation;
  /** Every Step Functions call the server received. */
  readonly stepFunctionsCalls: CallRecorder;
  /** The environment a user's shell would have: credentials, region and `AWS_ENDPOINT_URL_<SERVICE>`. */
  readonly awsEnv: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/** Starts the fixture in a temporary data directory. */
export async function startAwsStackFixture(stackName = 'agentdrop-test'): Promise<AwsStackFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'agentdrop-aws-cli-'));
  const stepFunctionsCalls = createCallRecorder();
  const [server, cloudformation] = await Promise.all([
    startLocalServer({
      cloud: { dataDir },
      stepFunctionsFaults: createFaultInjector({ service: 'stepfunctions', recorder: stepFunctionsCalls }),
    }),
    startFakeCloudFormation(),
  ]);
  const { cloud, endpoints } = server;
  cloudformation.stacks.set(stackName, {
    DropBucketName: endpoints.resources.dropBucket,
    ArtifactsBucketName: endpoints.resources.artifactsBucket,
    StateMachineArn: endpoints.resources.stateMachineArn,
    TableName: endpoints.resources.tableName,
    EventBusName: endpoints.resources.eventBusName,
    Region: cloud.region,
  });
  // The stack's own log groups, which CloudFormation names; here the groups the local cloud's services write.
  cloudformation.resources.set(stackName, [
    ...(['Start', 'Plan', 'Harness', 'Runtime', 'Invoke', 'Finalize'] as const).map((name, index) => ({
      logicalId: `AgentDrop${name}FunctionLogs${String(index).repeat(8)}`,
      physicalId: `/aws/lambda/agentdrop-${name.toLowerCase()}`,
      type: 'AWS::Logs::LogGroup',
    })),
    {
      logicalId: 'AgentDropBuildLogsB949C6FB',
      physicalId: '/aws/codebuild/agentdrop-runtime-image',
      type: 'AWS::Logs::LogGroup',
    },
  ]);
  return {
    stackName,
    cloud,
    server,
    store: createDeployStore({
      documents: createLocalPipeline(cloud).deps.documents,
      tableName: cloud.resources.tableName,
    }),
    cloudformation,
    stepFunctionsCalls,
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
      AWS_ENDPOINT_URL_SFN: endpoints.endpoints.stepfunctions ?? '',
      AWS_ENDPOINT_URL_S3: cloud.endpoints.s3,
      AWS_ENDPOINT_URL_DYNAMODB: cloud.endpoints.dynamodb,
      AWS_ENDPOINT_URL_EVENTBRIDGE: cloud.endpoints.eventbridge,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: cloud.endpoints.secretsmanager,
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: cloud.endpoints.logs,
      AWS_ENDPOINT_URL_BEDROCK_AGENTCORE: cloud.endpoints.agentcore,
      // The local cloud serves the control plane on the data plane's endpoint.
      AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL: cloud.endpoints.agentcore,
    },
    stop: async () => {
      await server.idle();
      await Promise.all([server.stop(), cloudformation.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
