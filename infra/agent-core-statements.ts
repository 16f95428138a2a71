import type { IRole } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { agentCoreArns } from './agent-core-arns.js';
import type { ResolvedAgentDropProps } from './resolve-props.js';

type ArnProps = Pick<ResolvedAgentDropProps, 'agentCoreRegions' | 'account' | 'stackName'>;

const ownedByStack = (props: ArnProps) => ({
  StringEquals: { 'aws:ResourceTag/agentdrop:stack': props.stackName },
});

/**
 * Reading harnesses and runtimes: Get by id/ARN and tags (adoption checks the ownership tags, DESIGN §7). List
 * actions take no resource ARN, hence `*`.
 */
export function agentCoreReadStatements(props: ArnProps): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'ReadAgentCoreResources',
      actions: [
        'bedrock-agentcore:GetHarness',
        'bedrock-agentcore:GetAgentRuntime',
        'bedrock-agentcore:ListTagsForResource',
      ],
      resources: [...agentCoreArns(props, 'harness'), ...agentCoreArns(props, 'runtime')],
    }),
    new PolicyStatement({
      sid: 'ListAgentCoreResources',
      actions: ['bedrock-agentcore:ListHarnesses', 'bedrock-agentcore:ListAgentRuntimes'],
      resources: ['*'],
    }),
  ];
}

/**
 * Create, update and delete of one kind of resource. Update/Delete only on resources carrying this stack's
 * `agentdrop:stack` tag; tagging only with this stack's tag value (DESIGN §7).
 */
export function agentCoreLifecycleStatements(
  props: ArnProps,
  kind: 'Harness' | 'AgentRuntime',
  type: 'harness' | 'runtime',
): PolicyStatement[] {
  const resources = agentCoreArns(props, type);
  return [
    new PolicyStatement({
      sid: `Create${kind}`,
      actions: [`bedrock-agentcore:Create${kind}`, `bedrock-agentcore:Get${kind}`],
      resources,
    }),
    new PolicyStatement({
      sid: `UpdateOwned${kind}`,
      actions: [`bedrock-agentcore:Update${kind}`, `bedrock-agentcore:Delete${kind}`],
      resources,
      conditions: ownedByStack(props),
    }),
    new PolicyStatement({
      sid: `Tag${kind}`,
      actions: ['bedrock-agentcore:TagResource'],
      resources,
      conditions: { StringEquals: { 'aws:RequestTag/agentdrop:stack': props.stackName } },
    }),
  ];
}

/**
 * What each Harness call is also authorized against: its backing AgentCore Runtime, managed memory and workload
 * identity (aws-practices §6.1, agentcore-api §12). The backing runtime is created by the service, and whether it
 * carries our tags is undocumented, so these are scoped by ARN to the account's resources, not by tag.
 */
export function harnessPairedStatements(props: ArnProps): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'HarnessBackingRuntime',
      actions: [
        'bedrock-agentcore:CreateAgentRuntime',
        'bedrock-agentcore:GetAgentRuntime',
        'bedrock-agentcore:UpdateAgentRuntime',
        'bedrock-agentcore:DeleteAgentRuntime',
      ],
      resources: agentCoreArns(props, 'runtime'),
    }),
    new PolicyStatement({
      sid: 'HarnessManagedMemory',
      actions: [
        'bedrock-agentcore:CreateMemory',
        'bedrock-agentcore:GetMemory',
        'bedrock-agentcore:UpdateMemory',
        'bedrock-agentcore:DeleteMemory',
      ],
      resources: agentCoreArns(props, 'memory'),
    }),
    workloadIdentityStatement(props),
  ];
}

/** A runtime (and a harness's backing runtime) gets a workload identity from the default directory on create. */
export function workloadIdentityStatement(props: ArnProps): PolicyStatement {
  return new PolicyStatement({
    sid: 'WorkloadIdentity',
    actions: [
      'bedrock-agentcore:CreateWorkloadIdentity',
      'bedrock-agentcore:GetWorkloadIdentity',
      'bedrock-agentcore:UpdateWorkloadIdentity',
      'bedrock-agentcore:DeleteWorkloadIdentity',
    ],
    resources: [
      ...agentCoreArns(props, 'workload-identity-directory', '/default'),
      ...agentCoreArns(props, 'workload-identity-directory', '/default/workload-identity/*'),
    ],
  });
}

/** `iam:PassRole` for exactly one execution role, and only to AgentCore. */
export function passRoleStatement(role: IRole): PolicyStatement {
  return new PolicyStatement({
    sid: 'PassExecutionRole',
    actions: ['iam:PassRole'],
    resources: [role.roleArn],
    conditions: { StringEquals: { 'iam:PassedToService': 'bedrock-agentcore.amazonaws.com' } },
  });
}

/**
 * The smoke test: InvokeHarness on our harnesses plus InvokeAgentRuntime, which every harness call is also
 * authorized against (its backing runtime, tags undocumented) and which runtimes need themselves.
 */
export function agentCoreInvokeStatements(props: ArnProps): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'InvokeOwnedHarness',
      actions: ['bedrock-agentcore:InvokeHarness'],
      resources: agentCoreArns(props, 'harness'),
      conditions: ownedByStack(props),
    }),
    new PolicyStatement({
      sid: 'InvokeRuntime',
      actions: ['bedrock-agentcore:InvokeAgentRuntime'],
      resources: agentCoreArns(props, 'runtime'),
    }),
  ];
}
