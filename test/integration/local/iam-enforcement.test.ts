import {
  BedrockAgentCoreControlClient,
  ListAgentRuntimesCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { BatchGetBuildsCommand, CodeBuildClient } from '@aws-sdk/client-codebuild';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, principalCredentials, startLocalCloud } from '../../../local/cloud/index.js';
import { localStackTemplate } from '../../../local/iam/index.js';
import { withoutGrant } from '../../support/without-grant.js';
import { makeDataDir } from './support.js';

const account = '000000000000';
const denial = (role: string, action: string, resource: string) =>
  `User: arn:aws:sts::${account}:assumed-role/${role}/agentdrop-local is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

/** What an SDK call threw: its name, HTTP status and message. */
async function failureOf(
  call: Promise<unknown>,
): Promise<{ name: string; status?: number; message: string }> {
  try {
    await call;
  } catch (error) {
    const failure = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: failure.name, status: failure.$metadata?.httpStatusCode, message: failure.message };
  }
  throw new Error('the call succeeded');
}

// The default template's grants decide: one principal holds the grant, another lacks it.
describe('the local cloud’s IAM, for each service, with the committed template', () => {
  let data: ReturnType<typeof makeDataDir>;
  let cloud: LocalCloud;
  const as = (service: string, principal: string) => ({
    ...cloud.clientConfig(service),
    credentials: principalCredentials(principal),
  });

  beforeAll(async () => {
    data = makeDataDir();
    cloud = await startLocalCloud({ dataDir: data.dataDir });
  });
  afterAll(async () => {
    await cloud.stop();
    data.remove();
  });

  it('S3: refuses an object write outside a function’s prefixes with 403 AccessDenied, allows its own', async () => {
    const body = { Bucket: 'agentdrop-artifacts', Key: 'plans/demo/p.json', Body: '{}' };
    await new S3Client(as('s3', 'PlanFunction')).send(new PutObjectCommand(body));
    const invoke = new S3Client(as('s3', 'InvokeFunction'));
    expect(await failureOf(invoke.send(new PutObjectCommand(body)))).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: denial(
        'AgentDropInvokeFunctionRole25B59BDD',
        's3:PutObject',
        '"arn:aws:s3:::agentdrop-artifacts/plans/demo/p.json"',
      ),
    });
    // Reads of its own prefix pass; a HEAD is authorized as GetObject and a denied one has no body.
    await invoke.send(new GetObjectCommand({ Bucket: body.Bucket, Key: body.Key }));
    expect(
      await failureOf(invoke.send(new HeadObjectCommand({ Bucket: body.Bucket, Key: 'receipts/demo.json' }))),
    ).toMatchObject({ status: 403 });
  });

  it('DynamoDB: refuses a write by a read-only function with AccessDeniedException', async () => {
    const item = { TableName: 'agentdrop', Item: { PK: { S: 'iam#test' }, SK: { S: 'item' } } };
    await new DynamoDBClient(as('dynamodb', 'PlanFunction')).send(new PutItemCommand(item));
    const harness = new DynamoDBClient({ ...as('dynamodb', 'HarnessFunction'), maxAttempts: 1 });
    expect(await failureOf(harness.send(new PutItemCommand(item)))).toEqual({
      name: 'AccessDeniedException',
      status: 400,
      message: denial(
        'AgentDropHarnessFunctionRole445C5BAE',
        'dynamodb:PutItem',
        `arn:aws:dynamodb:us-west-2:${account}:table/agentdrop`,
      ),
    });
  });

  it('Secrets Manager: evaluates the stored ARN (random suffix) against `secret:agentdrop/*`', async () => {
    const created = await new SecretsManagerClient(cloud.clientConfig('secretsmanager')).send(
      new CreateSecretCommand({ Name: 'agentdrop/IAM_TEST', SecretString: 'canary-iam-4411' }),
    );
    const read = { SecretId: 'agentdrop/IAM_TEST' };
    await new SecretsManagerClient(as('secretsmanager', 'HarnessFunction')).send(
      new GetSecretValueCommand(read),
    );
    const plan = new SecretsManagerClient(as('secretsmanager', 'PlanFunction'));
    expect(await failureOf(plan.send(new GetSecretValueCommand(read)))).toEqual({
      name: 'AccessDeniedException',
      status: 400,
      message: denial('AgentDropPlanFunctionRoleB4208BC6', 'secretsmanager:GetSecretValue', created.ARN!),
    });
  });

  it('EventBridge: lets the state machine put outcome events on the agentdrop bus, not the Harness function', async () => {
    const entry = {
      EventBusName: 'agentdrop',
      Source: 'agentdrop',
      DetailType: 'Deploy Started',
      Detail: '{}',
    };
    await new EventBridgeClient(as('eventbridge', 'StateMachine')).send(
      new PutEventsCommand({ Entries: [entry] }),
    );
    const harness = new EventBridgeClient({ ...as('eventbridge', 'HarnessFunction'), maxAttempts: 1 });
    expect(await failureOf(harness.send(new PutEventsCommand({ Entries: [entry] })))).toEqual({
      name: 'AccessDeniedException',
      status: 400,
      message: denial(
        'AgentDropHarnessFunctionRole445C5BAE',
        'events:PutEvents',
        `arn:aws:events:us-west-2:${account}:event-bus/agentdrop`,
      ),
    });
  });

  it('CodeBuild: authorizes build calls on the build id’s project', async () => {
    const ids = { ids: ['agentdrop-runtime-image:00000000-0000-0000-0000-000000000000'] };
    await new CodeBuildClient(as('codebuild', 'StateMachine')).send(new BatchGetBuildsCommand(ids));
    const plan = new CodeBuildClient({ ...as('codebuild', 'PlanFunction'), maxAttempts: 1 });
    expect(await failureOf(plan.send(new BatchGetBuildsCommand(ids)))).toEqual({
      name: 'AccessDeniedException',
      status: 400,
      message: denial(
        'AgentDropPlanFunctionRoleB4208BC6',
        'codebuild:BatchGetBuilds',
        `arn:aws:codebuild:us-west-2:${account}:project/agentdrop-runtime-image`,
      ),
    });
  });

  it('ECR: authorizes DescribeRepositories on each named repository', async () => {
    const names = { repositoryNames: ['agentdrop/demo'] };
    const runtime = new ECRClient(as('ecr', 'RuntimeFunction'));
    expect((await failureOf(runtime.send(new DescribeRepositoriesCommand(names)))).name).toBe(
      'RepositoryNotFoundException',
    );
    const plan = new ECRClient({ ...as('ecr', 'PlanFunction'), maxAttempts: 1 });
    expect(await failureOf(plan.send(new DescribeRepositoriesCommand(names)))).toEqual({
      name: 'AccessDeniedException',
      status: 400,
      message: denial(
        'AgentDropPlanFunctionRoleB4208BC6',
        'ecr:DescribeRepositories',
        `arn:aws:ecr:us-west-2:${account}:repository/agentdrop/demo`,
      ),
    });
  });

  it('AgentCore: refuses the state machine, which holds no AgentCore grant', async () => {
    await new BedrockAgentCoreControlClient(as('agentcore-control', 'RuntimeFunction')).send(
      new ListAgentRuntimesCommand({}),
    );
    const machine = new BedrockAgentCoreControlClient({
      ...as('agentcore-control', 'StateMachine'),
      maxAttempts: 1,
    });
    expect(await failureOf(machine.send(new ListAgentRuntimesCommand({})))).toEqual({
      name: 'AccessDeniedException',
      status: 403,
      message: denial('AgentDropDeployStateMachineRoleDE2CB4FB', 'bedrock-agentcore:ListAgentRuntimes', '*'),
    });
  });

  it('CloudWatch Logs: lets a runtime container write its endpoint group, not read it', async () => {
    const group = '/aws/bedrock-agentcore/runtimes/rt-1-DEFAULT';
    const container = new CloudWatchLogsClient({
      ...as('logs', 'agentdrop-runtime-execution'),
      maxAttempts: 1,
    });
    await container.send(new CreateLogGroupCommand({ logGroupName: group }));
    await container.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 's' }));
    await container.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: 's',
        logEvents: [{ timestamp: 1, message: 'up' }],
      }),
    );
    expect(await failureOf(container.send(new FilterLogEventsCommand({ logGroupName: group })))).toEqual({
      name: 'AccessDeniedException',
      status: 400,
      message: expect.stringContaining(
        `is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:us-west-2:${account}:log-group:${group}:*`,
      ),
    });
    const elsewhere = '/aws/lambda/agentdrop-plan';
    expect(
      (await failureOf(container.send(new CreateLogGroupCommand({ logGroupName: elsewhere })))).name,
    ).toBe('AccessDeniedException');
  });

  it('never evaluates the emulator key (tests and the CLI act as the user)', async () => {
    const user = new EventBridgeClient(cloud.clientConfig('eventbridge'));
    const entry = {
      EventBusName: 'agentdrop',
      Source: 'agentdrop',
      DetailType: 'Deploy Started',
      Detail: '{}',
    };
    expect((await user.send(new PutEventsCommand({ Entries: [entry] }))).FailedEntryCount).toBe(0);
  });
});

describe('S3 reads of a missing key, as AWS answers them', () => {
  let data: ReturnType<typeof makeDataDir>;
  let cloud: LocalCloud;

  beforeAll(async () => {
    data = makeDataDir();
    const template = withoutGrant(localStackTemplate(), 'InvokeFunction', 's3:ListBucket');
    cloud = await startLocalCloud({ dataDir: data.dataDir, iam: { template } });
  });
  afterAll(async () => {
    await cloud.stop();
    data.remove();
  });

  it('are 404 NoSuchKey to a caller that may list the key, 403 AccessDenied to one that may not', async () => {
    const missing = { Bucket: 'agentdrop-artifacts', Key: 'plans/demo/missing.json' };
    const client = (principal: string) =>
      new S3Client({ ...cloud.clientConfig('s3'), credentials: principalCredentials(principal) });
    expect(await failureOf(client('RuntimeFunction').send(new GetObjectCommand(missing)))).toMatchObject({
      name: 'NoSuchKey',
      status: 404,
    });
    expect(await failureOf(client('InvokeFunction').send(new GetObjectCommand(missing)))).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: 'Access Denied',
    });
  });
});
