import { Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { ComputeType } from 'aws-cdk-lib/aws-codebuild';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { AgentDropProps } from './agent-drop-props.js';
import { InvalidAgentDropPropsError } from './errors.js';

/** Context keys the app reads (`npx cdk deploy -c key=value`, or `context` in cdk.json). */
export const ContextKey = {
  StackName: 'stackName',
  AgentCoreRegions: 'agentCoreRegions',
  SecretPrefix: 'secretPrefix',
  DefaultModel: 'defaultModel',
  RuntimeArtifact: 'runtimeArtifact',
  EventBusName: 'eventBusName',
  CodeBuildComputeType: 'codeBuildComputeType',
  BuildTimeoutMinutes: 'buildTimeoutMinutes',
  LogRetentionDays: 'logRetentionDays',
  AgentLogRetentionDays: 'agentLogRetentionDays',
  AlarmTopicArn: 'alarmTopicArn',
  RemovalPolicy: 'removalPolicy',
  DriftCheckRate: 'driftCheckRate',
  OnDrift: 'onDrift',
  VersionRetention: 'versionRetention',
  AgentTraces: 'agentTraces',
  TransactionSearch: 'transactionSearch',
} as const;
export type ContextKey = (typeof ContextKey)[keyof typeof ContextKey];

const computeTypes: Readonly<Record<string, ComputeType>> = {
  SMALL: ComputeType.SMALL,
  MEDIUM: ComputeType.MEDIUM,
  LARGE: ComputeType.LARGE,
  X2_LARGE: ComputeType.X2_LARGE,
};

/**
 * Reads {@link AgentDropProps} from CDK context; keys that are absent keep the construct's defaults.
 * `stack` is the scope the alarm topic is imported into.
 * @throws InvalidAgentDropProps for a value that is not of the key's form.
 */
export function propsFromContext(scope: Construct, stack: Stack): AgentDropProps {
  const read = (key: ContextKey): string | undefined => {
    const value = scope.node.tryGetContext(key) as unknown;
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  const regions = read(ContextKey.AgentCoreRegions);
  const compute = read(ContextKey.CodeBuildComputeType);
  const timeout = read(ContextKey.BuildTimeoutMinutes);
  const retention = read(ContextKey.LogRetentionDays);
  const agentLogRetention = read(ContextKey.AgentLogRetentionDays);
  const topic = read(ContextKey.AlarmTopicArn);
  const removal = read(ContextKey.RemovalPolicy);
  const versionRetention = read(ContextKey.VersionRetention);
  if (compute !== undefined && !computeTypes[compute.toUpperCase()])
    throw new InvalidAgentDropPropsError('codeBuildComputeType', `Unknown compute type "${compute}".`);
  const artifact = read(ContextKey.RuntimeArtifact);
  if (artifact !== undefined && artifact !== 'auto' && artifact !== 'container' && artifact !== 'code')
    throw new InvalidAgentDropPropsError(
      'runtimeArtifact',
      'runtimeArtifact is "auto", "container" or "code".',
    );
  const agentTraces = read(ContextKey.AgentTraces);
  if (agentTraces !== undefined && agentTraces !== 'true' && agentTraces !== 'false')
    throw new InvalidAgentDropPropsError('agentTraces', 'agentTraces is "true" or "false".');
  const onDrift = read(ContextKey.OnDrift);
  if (onDrift !== undefined && onDrift !== 'report' && onDrift !== 'redeploy')
    throw new InvalidAgentDropPropsError('onDrift', 'onDrift is "report" or "redeploy".');
  const transactionSearch = read(ContextKey.TransactionSearch);
  if (transactionSearch !== undefined && transactionSearch !== 'true' && transactionSearch !== 'false')
    throw new InvalidAgentDropPropsError('transactionSearch', 'transactionSearch is "true" or "false".');
  if (removal !== undefined && !['retain', 'destroy'].includes(removal.toLowerCase()))
    throw new InvalidAgentDropPropsError('removalPolicy', 'removalPolicy is "retain" or "destroy".');
  return {
    ...(regions ? { agentCoreRegions: regions.split(',').map((region) => region.trim()) } : {}),
    ...(read(ContextKey.SecretPrefix) ? { secretPrefix: read(ContextKey.SecretPrefix) } : {}),
    ...(read(ContextKey.DefaultModel) ? { defaultModel: read(ContextKey.DefaultModel) } : {}),
    ...(artifact ? { runtimeArtifact: artifact } : {}),
    ...(read(ContextKey.EventBusName) ? { eventBusName: read(ContextKey.EventBusName) } : {}),
    ...(compute ? { codeBuildComputeType: computeTypes[compute.toUpperCase()] } : {}),
    ...(timeout ? { buildTimeout: Duration.minutes(Number(timeout)) } : {}),
    ...(retention ? { logRetention: Number(retention) as RetentionDays } : {}),
    ...(agentLogRetention ? { agentLogRetention: Number(agentLogRetention) as RetentionDays } : {}),
    ...(topic ? { alarmTopic: Topic.fromTopicArn(stack, 'AlarmTopic', topic) } : {}),
    ...(read(ContextKey.DriftCheckRate) ? { driftCheckRate: read(ContextKey.DriftCheckRate) } : {}),
    ...(onDrift ? { onDrift } : {}),
    ...(versionRetention ? { versionRetention: Number(versionRetention) } : {}),
    ...(agentTraces ? { agentTraces: agentTraces === 'true' } : {}),
    ...(transactionSearch ? { transactionSearch: transactionSearch === 'true' } : {}),
    ...(removal
      ? { removalPolicy: removal.toLowerCase() === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN }
      : {}),
  };
}
