import type { IRole } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { agentCoreArns } from './agent-core-arns.js';
import type { ResolvedAgentDropProps } from './resolve-props.js';

type ArnProps = Pick<ResolvedAgentDropProps, 'agentCoreRegions' | 'account' | 'stackName'>;

const ownedByStack = (props: ArnProps) => ({
  StringEquals: { 'aws:ResourceTag/agentdrop:stack': props.stackName },
});

const taggedByStack = (props: ArnProps) => ({
  StringEquals: { 'aws:RequestTag/agentdrop:stack': props.stackName },
});

/**
 * AgentCore authorizes every Harness call also as the paired runtime action on the *harness* ARN (agentcore-api
 * §11, the harness security guide): a grant of a Harness action without its pair is refused by AWS.
 */
export const harnessPairedRuntimeActions = {
  'bedrock-agentcore:CreateHarness': 'bedrock-agentcore:CreateAgentRuntime',
  'bedrock-agentcore:GetHarness': 'bedrock-agentcore:GetAgentRuntime',
  'bedrock-agentcore:UpdateHarness': 'bedrock-agentcore:UpdateAgentRuntime',
  'bedrock-agentcore:DeleteHarness': 'bedrock-agentcore:DeleteAgentRuntime',
  'bedrock-agentcore:InvokeHarness': 'bedrock-agentcore:InvokeAgentRuntime',
  'bedrock-agentcore:CreateHarnessEndpoint': 'bedrock-agentcore:CreateAgentRuntimeEndpoint',
  'bedrock-agentcore:GetHarnessEndpoint': 'bedrock-agentcore:GetAgentRuntimeEndpoint',
  'bedrock-agentcore:UpdateHarnessEndpoint': 'bedrock-agentcore:UpdateAgentRuntimeEndpoint',
} as const;

/** `actions` plus the runtime action each Harness action among them is also authorized as. */
function withPairedRuntimeActions(actions: readonly string[]): string[] {
  const paired = actions.flatMap((action) => {
    const pair = (harnessPairedRuntimeActions as Record<string, string | undefined>)[action];
    return pair ? [pair] : [];
  });
  return [...new Set([...actions, ...paired])];
}

/**
 * Reading harnesses and runtimes: Get by id/ARN and tags (adoption checks the ownership tags, DESIGN §7);
 * GetHarness with its paired GetAgentRuntime on the harness ARNs. List actions take no resource ARN, hence `*`.
 */
export function agentCoreReadStatements(props: ArnProps): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'ReadHarnesses',
      actions: withPairedRuntimeActions([
        'bedrock-agentcore:GetHarness',
        'bedrock-agentcore:ListTagsForResource',
      ]),
      resources: agentCoreArns(props, 'harness'),
    }),
    new PolicyStatement({
      sid: 'ReadRuntimes',
      actions: ['bedrock-agentcore:GetAgentRuntime', 'bedrock-agentcore:ListTagsForResource'],
      resources: agentCoreArns(props, 'runtime'),
    }),
    new PolicyStatement({
      sid: 'ListAgentCoreResources',
      actions: ['bedrock-agentcore:ListHarnesses', 'bedrock-agentcore:ListAgentRuntimes'],
      resources: ['*'],
    }),
  ];
}

/**
 * The quota part of preflight (docs/state-machine.md §2.1): the versions and endpoints of the resource an update
 * adds to, and the account's AgentCore quotas from Service Quotas. None of these List actions takes a resource
 * ARN (service authorization data), hence `*`.
 */
export function quotaReadStatements(): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'ListVersionsAndEndpoints',
      actions: [
        'bedrock-agentcore:ListHarnessVersions',
        'bedrock-agentcore:ListHarnessEndpoints',
        'bedrock-agentcore:ListAgentRuntimeVersions',
        'bedrock-agentcore:ListAgentRuntimeEndpoints',
      ],
      resources: ['*'],
    }),
    new PolicyStatement({
      sid: 'ReadAgentCoreQuotas',
      actions: ['servicequotas:ListServiceQuotas'],
      resources: ['*'],
    }),
  ];
}

/**
 * Reads of the named endpoints (`live`, `candidate`) of this stack's resources: the drift check compares the
 * `live` endpoint's version with STATE's. Authorized on the endpoint ARN, under `<type>/*`.
 */
export function agentCoreEndpointReadStatements(props: ArnProps): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'ReadOwnedHarnessEndpoints',
      actions: withPairedRuntimeActions(['bedrock-agentcore:GetHarnessEndpoint']),
      resources: agentCoreArns(props, 'harness'),
      conditions: ownedByStack(props),
    }),
    new PolicyStatement({
      sid: 'ReadOwnedRuntimeEndpoints',
      actions: ['bedrock-agentcore:GetAgentRuntimeEndpoint'],
      resources: agentCoreArns(props, 'runtime'),
      conditions: ownedByStack(props),
    }),
  ];
}

/**
 * Create, update and delete of one kind of resource. Create takes no resource ARN (`*`, service authorization
 * data) and only with this stack's `agentdrop:stack` request tag; Update/Delete only on resources carrying that
 * tag; tagging only with this stack's tag value (DESIGN §7); the named endpoints of owned resources (gated
 * promotion). Harness actions come with their paired runtime actions on the same resources and conditions.
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
      actions: withPairedRuntimeActions([`bedrock-agentcore:Create${kind}`]),
      resources: ['*'],
      conditions: taggedByStack(props),
    }),
    new PolicyStatement({
      sid: `UpdateOwned${kind}`,
      actions: withPairedRuntimeActions([
        `bedrock-agentcore:Update${kind}`,
        `bedrock-agentcore:Delete${kind}`,
      ]),
      resources,
      conditions: ownedByStack(props),
    }),
    new PolicyStatement({
      // Gated promotion (docs/state-machine.md §2.5): the `candidate` and `live` endpoints of our own resources.
      // Create is authorized on the parent resource, Get/Update on the endpoint ARN (both under `<type>/*`).
      sid: `PromoteOwned${kind}`,
      actions: withPairedRuntimeActions([
        `bedrock-agentcore:Create${kind}Endpoint`,
        `bedrock-agentcore:Get${kind}Endpoint`,
        `bedrock-agentcore:Update${kind}Endpoint`,
      ]),
      resources,
      conditions: ownedByStack(props),
    }),
    new PolicyStatement({
      sid: `Tag${kind}`,
      actions: ['bedrock-agentcore:TagResource'],
      resources,
      conditions: taggedByStack(props),
    }),
  ];
}

/**
 * What each Harness call is also authorized against besides its paired runtime action: the managed memory and
 * the workload identity the service creates for it (aws-practices §6.1). CreateMemory takes no resource ARN.
 */
export function harnessPairedStatements(props: ArnProps): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'HarnessManagedMemoryCreate',
      actions: ['bedrock-agentcore:CreateMemory'],
      resources: ['*'],
    }),
    new PolicyStatement({
      sid: 'HarnessManagedMemory',
      actions: [
        'bedrock-agentcore:GetMemory',
        'bedrock-agentcore:UpdateMemory',
        'bedrock-agentcore:DeleteMemory',
      ],
      resources: agentCoreArns(props, 'memory'),
    }),
    workloadIdentityStatement(props),
  ];
}

/** A runtime (and a harness) gets a workload identity from the default directory on create. */
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
 * The smoke test: InvokeHarness on our harnesses, with InvokeAgentRuntime on the same harness ARNs (the pair
 * every harness call is also authorized as), plus InvokeAgentRuntime on runtimes for runtime mode.
 */
export function agentCoreInvokeStatements(props: ArnProps): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'InvokeOwnedHarness',
      actions: withPairedRuntimeActions(['bedrock-agentcore:InvokeHarness']),
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
