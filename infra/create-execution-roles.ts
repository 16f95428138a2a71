import { Aws } from 'aws-cdk-lib';
import { type IRole, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { agentCoreArns } from './agent-core-arns.js';
import { projectMemoryDataStatement } from './agent-core-statements.js';
import { grant } from './grant.js';
import type { ResolvedAgentDropProps } from './resolve-props.js';

/** The roles AgentCore assumes to run what agentdrop deploys. */
export interface ExecutionRoles {
  /** Passed as `executionRoleArn` to CreateHarness/UpdateHarness (HARNESS_ROLE_ARN). */
  readonly harnessRole: Role;
  /** Passed as `roleArn` to CreateAgentRuntime/UpdateAgentRuntime (RUNTIME_ROLE_ARN). */
  readonly runtimeRole: Role;
}

/**
 * Creates the harness and runtime execution roles: trusted by `bedrock-agentcore.amazonaws.com` only for this
 * account's harnesses/runtimes (`aws:SourceAccount` + `aws:SourceArn`, against the confused deputy), with model
 * invoke, ECR pull of `agentdrop/*`, logs, X-Ray, metrics, secrets under the prefix and the skills prefix
 * (aws-practices §6.1, agentcore-api §12). The runtime role also gets the AWS-owned Code Interpreter and Browser
 * sessions its built-in tools use (DESIGN §7).
 */
export function createExecutionRoles(
  scope: Construct,
  props: ResolvedAgentDropProps,
  artifactsBucket: IBucket,
): ExecutionRoles {
  const harnessRole = createRole(scope, 'HarnessExecutionRole', props, 'harness');
  const runtimeRole = createRole(scope, 'RuntimeExecutionRole', props, 'runtime');
  for (const role of [harnessRole, runtimeRole]) grantAgentBasics(role, props, artifactsBucket);
  grant(
    harnessRole,
    new PolicyStatement({
      sid: 'HarnessMemory',
      actions: [
        'bedrock-agentcore:CreateEvent',
        'bedrock-agentcore:GetEvent',
        'bedrock-agentcore:ListEvents',
        'bedrock-agentcore:RetrieveMemoryRecords',
        'bedrock-agentcore:ListMemoryRecords',
        'bedrock-agentcore:GetMemoryRecord',
      ],
      resources: agentCoreArns(props, 'memory'),
    }),
    'Managed memories are created per harness by the service; their ids are not known before the harness exists.',
  );
  grant(
    runtimeRole,
    projectMemoryDataStatement(props),
    'A project memory is named agentdrop_<project> at deploy time and its id gets a random suffix (spec §8).',
  );
  grant(
    runtimeRole,
    new PolicyStatement({
      sid: 'CodeInterpreterSessions',
      actions: [
        'bedrock-agentcore:StartCodeInterpreterSession',
        'bedrock-agentcore:InvokeCodeInterpreter',
        'bedrock-agentcore:StopCodeInterpreterSession',
        'bedrock-agentcore:GetCodeInterpreterSession',
      ],
      resources: agentCoreArns(props, 'code-interpreter', '/*', 'aws'),
    }),
    'The AWS-owned Code Interpreter (aws.codeinterpreter.v1) the sandbox built-in maps to (DESIGN §7); AWS-account ARNs.',
  );
  grant(
    runtimeRole,
    new PolicyStatement({
      sid: 'BrowserSessions',
      actions: [
        'bedrock-agentcore:StartBrowserSession',
        'bedrock-agentcore:StopBrowserSession',
        'bedrock-agentcore:GetBrowserSession',
        'bedrock-agentcore:UpdateBrowserStream',
      ],
      resources: agentCoreArns(props, 'browser', '/*', 'aws'),
    }),
    'The AWS-owned Browser (aws.browser.v1) the web built-ins map to (DESIGN §7); AWS-account ARNs.',
  );
  grant(
    runtimeRole,
    new PolicyStatement({
      sid: 'BrowserAutomationStream',
      actions: ['bedrock-agentcore:ConnectBrowserAutomationStream'],
      resources: ['*'],
    }),
    'ConnectBrowserAutomationStream takes no resource ARN (service authorization reference).',
  );
  return { harnessRole, runtimeRole };
}

function createRole(
  scope: Construct,
  id: string,
  props: ResolvedAgentDropProps,
  type: 'harness' | 'runtime',
): Role {
  return new Role(scope, id, {
    description: `Execution role of agentdrop ${type === 'harness' ? 'harnesses' : 'agent runtimes'} (${props.stackName}).`,
    assumedBy: new ServicePrincipal('bedrock-agentcore.amazonaws.com', {
      conditions: {
        StringEquals: { 'aws:SourceAccount': props.account },
        ArnLike: { 'aws:SourceArn': agentCoreArns(props, type) },
      },
    }),
  });
}

function grantAgentBasics(role: IRole, props: ResolvedAgentDropProps, artifactsBucket: IBucket): void {
  const partition = Aws.PARTITION;
  grant(
    role,
    new PolicyStatement({
      sid: 'InvokeModels',
      actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      resources: [
        // Cross-region inference profiles route to foundation models in other regions.
        `arn:${partition}:bedrock:*::foundation-model/*`,
        ...props.agentCoreRegions.map(
          (region) => `arn:${partition}:bedrock:${region}:${props.account}:inference-profile/*`,
        ),
      ],
    }),
    'Agents pick their model in the drop; cross-region inference profiles route to foundation models in any region.',
  );
  grant(
    role,
    new PolicyStatement({
      sid: 'PullImages',
      actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      resources: [`arn:${partition}:ecr:${props.region}:${props.account}:repository/agentdrop/*`],
    }),
    'Images live in per-project repositories the pipeline creates under agentdrop/ (DESIGN §7).',
  );
  grant(
    role,
    new PolicyStatement({
      sid: 'EcrToken',
      actions: ['ecr:GetAuthorizationToken'],
      resources: ['*'],
    }),
    'ecr:GetAuthorizationToken has no resource-level permissions.',
  );
  grant(
    role,
    new PolicyStatement({
      sid: 'WriteLogs',
      actions: [
        'logs:CreateLogGroup',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'logs:DescribeLogStreams',
      ],
      resources: props.agentCoreRegions.map(
        (region) =>
          `arn:${partition}:logs:${region}:${props.account}:log-group:/aws/bedrock-agentcore/runtimes/*`,
      ),
    }),
    'AgentCore writes to one log group per runtime/harness under /aws/bedrock-agentcore/runtimes/, named at creation.',
  );
  grant(
    role,
    new PolicyStatement({
      sid: 'Telemetry',
      actions: [
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
        'xray:GetSamplingRules',
        'xray:GetSamplingTargets',
        'logs:DescribeLogGroups',
      ],
      resources: ['*'],
    }),
    'X-Ray actions and logs:DescribeLogGroups have no resource-level permissions.',
  );
  grant(
    role,
    new PolicyStatement({
      sid: 'Metrics',
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      conditions: { StringEquals: { 'cloudwatch:namespace': 'bedrock-agentcore' } },
    }),
    'cloudwatch:PutMetricData has no resource-level permissions; the namespace condition limits it to bedrock-agentcore.',
  );
  grant(
    role,
    new PolicyStatement({
      sid: 'WorkloadAccessTokens',
      actions: ['bedrock-agentcore:GetWorkloadAccessToken', 'bedrock-agentcore:GetWorkloadAccessTokenForJWT'],
      resources: [
        ...agentCoreArns(props, 'workload-identity-directory', '/default'),
        ...agentCoreArns(props, 'workload-identity-directory', '/default/workload-identity/*'),
      ],
    }),
    'Workload identities are created per runtime by the service inside the default directory.',
  );
  grant(
    role,
    new PolicyStatement({
      sid: 'ReadSecrets',
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      resources: [
        `arn:${partition}:secretsmanager:${props.region}:${props.account}:secret:${props.secretPrefix}*`,
      ],
    }),
    "Drops reference secrets by name under the stack's secret prefix (spec §7); ARNs end in a random suffix.",
  );
  grant(
    role,
    new PolicyStatement({
      sid: 'ReadSkills',
      actions: ['s3:GetObject'],
      resources: [artifactsBucket.arnForObjects('skills/*')],
    }),
    'Harness skill bundles are content-addressed under skills/<project>/<hash>/ (DESIGN §4.3).',
  );
  grant(
    role,
    new PolicyStatement({
      sid: 'ListSkills',
      actions: ['s3:ListBucket'],
      resources: [artifactsBucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': ['skills/*'] } },
    }),
  );
}
