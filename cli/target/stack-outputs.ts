import { type CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { AgentdropError } from '../../core/errors.js';
import { StackNotFound, StackOutputMissing } from './errors.js';

/** The outputs of an AgentDrop stack the CLI works with (infra/agent-drop-stack.ts `StackOutput`). */
export interface StackOutputs {
  readonly stackName: string;
  readonly dropBucketName: string;
  readonly stateMachineArn: string;
  readonly tableName: string;
  readonly eventBusName: string;
  readonly region: string;
  /** Prefix of the secrets drops reference. @default 'agentdrop/' when the stack has no `SecretPrefix` output */
  readonly secretPrefix: string;
  /** Plans, build contexts and skill bundles; null for a stack without the `ArtifactsBucketName` output. */
  readonly artifactsBucketName: string | null;
}

const Required = {
  dropBucketName: 'DropBucketName',
  stateMachineArn: 'StateMachineArn',
  tableName: 'TableName',
  eventBusName: 'EventBusName',
  region: 'Region',
} as const;

/**
 * Reads the stack's outputs with `DescribeStacks`.
 * @throws StackNotFound when the stack does not exist (CloudFormation answers `ValidationError`).
 * @throws StackOutputMissing when an output the CLI needs is absent.
 */
export async function resolveStackOutputs(
  cloudformation: CloudFormationClient,
  stackName: string,
): Promise<StackOutputs> {
  const region = await cloudformation.config.region().catch(() => undefined);
  let outputs: Map<string, string>;
  try {
    const { Stacks } = await cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = Stacks?.[0];
    if (!stack || stack.StackStatus === 'DELETE_COMPLETE') throw new StackNotFound(stackName, region);
    outputs = new Map(
      (stack.Outputs ?? []).map((output) => [output.OutputKey ?? '', output.OutputValue ?? '']),
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'ValidationError' && /does not exist/.test(error.message)) {
      throw new StackNotFound(stackName, region, { cause: error });
    }
    if (error instanceof Error && /Region is missing/i.test(error.message)) {
      throw new AgentdropError(
        'RegionMissing',
        `No AWS region to look up stack ${stackName} in: set AWS_REGION or a region in your AWS profile.`,
        { stack: stackName },
        undefined,
        { cause: error },
      );
    }
    if (error instanceof Error && error.name === 'CredentialsProviderError') {
      throw new AgentdropError(
        'CredentialsMissing',
        `No AWS credentials to look up stack ${stackName}: configure a profile (AWS_PROFILE), SSO or environment credentials.`,
        { stack: stackName },
        undefined,
        { cause: error },
      );
    }
    throw error;
  }
  const read = (name: string): string => {
    const value = outputs.get(name);
    if (!value) throw new StackOutputMissing(stackName, name);
    return value;
  };
  return {
    stackName,
    dropBucketName: read(Required.dropBucketName),
    stateMachineArn: read(Required.stateMachineArn),
    tableName: read(Required.tableName),
    eventBusName: read(Required.eventBusName),
    region: read(Required.region),
    secretPrefix: outputs.get('SecretPrefix') || 'agentdrop/',
    artifactsBucketName: outputs.get('ArtifactsBucketName') || null,
  };
}
