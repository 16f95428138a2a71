import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { ComputeType } from 'aws-cdk-lib/aws-codebuild';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { DefaultModel, DefaultSecretPrefix } from '../core/plan/index.js';
import { DefaultVersionRetention } from '../functions/lib/config.js';
import type { AgentDropProps } from './agent-drop-props.js';
import { InvalidAgentDropPropsError } from './errors.js';

/** {@link AgentDropProps} with every default filled in; what the `create*` functions take. */
export interface ResolvedAgentDropProps {
  readonly stackName: string;
  readonly region: string;
  readonly account: string;
  readonly agentCoreRegions: readonly string[];
  readonly secretPrefix: string;
  readonly defaultModel: string;
  readonly runtimeArtifact: 'auto' | 'container' | 'code';
  readonly eventBusName: string;
  readonly codeBuildComputeType: ComputeType;
  readonly buildTimeout: Duration;
  readonly logRetention: RetentionDays;
  readonly agentLogRetention: RetentionDays;
  readonly transactionSearch: boolean;
  readonly noncurrentVersionRetentionDays: number;
  readonly imagesPerRepository: number;
  readonly eventArchiveRetention: Duration;
  readonly alarmTopic: ITopic | undefined;
  readonly driftCheckRate: string | undefined;
  readonly onDrift: 'report' | 'redeploy';
  readonly versionRetention: number;
  readonly agentTraces: boolean;
  readonly removalPolicy: RemovalPolicy;
}

const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d$/;
// Secret names allow these characters (Secrets Manager CreateSecret); the prefix is matched with `*` in IAM.
const secretPrefixPattern = /^[A-Za-z0-9/_+=.@-]{1,256}$/;
const busNamePattern = /^[A-Za-z0-9._-]{1,256}$/;
// EventBridge Scheduler's recurring expressions (a one-time `at(...)` would check once).
const scheduleExpressionPattern = /^(rate\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\)|cron\(.+\))$/;

/**
 * Validates the props (skipping unresolved tokens) and fills the defaults.
 * @throws InvalidAgentDropProps naming the prop (`code` = `props.<name>`).
 */
export function resolveProps(scope: Construct, props: AgentDropProps): ResolvedAgentDropProps {
  const stack = Stack.of(scope);
  const resolved: ResolvedAgentDropProps = {
    stackName: stack.stackName,
    region: stack.region,
    account: stack.account,
    agentCoreRegions: props.agentCoreRegions ?? [stack.region],
    secretPrefix: props.secretPrefix ?? DefaultSecretPrefix,
    defaultModel: props.defaultModel ?? DefaultModel,
    runtimeArtifact: props.runtimeArtifact ?? 'container',
    eventBusName: props.eventBusName ?? 'agentdrop',
    codeBuildComputeType: props.codeBuildComputeType ?? ComputeType.MEDIUM,
    buildTimeout: props.buildTimeout ?? Duration.minutes(30),
    logRetention: props.logRetention ?? RetentionDays.ONE_MONTH,
    agentLogRetention: props.agentLogRetention ?? RetentionDays.ONE_MONTH,
    transactionSearch: props.transactionSearch ?? false,
    noncurrentVersionRetentionDays: props.noncurrentVersionRetentionDays ?? 30,
    imagesPerRepository: props.imagesPerRepository ?? 20,
    eventArchiveRetention: props.eventArchiveRetention ?? Duration.days(90),
    alarmTopic: props.alarmTopic,
    driftCheckRate: props.driftCheckRate,
    onDrift: props.onDrift ?? 'report',
    versionRetention: props.versionRetention ?? DefaultVersionRetention,
    agentTraces: props.agentTraces ?? true,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
  };
  validate(resolved);
  return resolved;
}

function validate(props: ResolvedAgentDropProps): void {
  if (props.agentCoreRegions.length === 0)
    throw new InvalidAgentDropPropsError('agentCoreRegions', 'agentCoreRegions needs at least one region.');
  for (const region of props.agentCoreRegions) {
    if (!Token.isUnresolved(region) && !regionPattern.test(region))
      throw new InvalidAgentDropPropsError('agentCoreRegions', `"${region}" is not an AWS region name.`);
  }
  if (!Token.isUnresolved(props.secretPrefix) && !secretPrefixPattern.test(props.secretPrefix))
    throw new InvalidAgentDropPropsError(
      'secretPrefix',
      `secretPrefix "${props.secretPrefix}" must be 1–256 characters of A-Z a-z 0-9 / _ + = . @ -.`,
    );
  if (!Token.isUnresolved(props.defaultModel) && props.defaultModel.trim() === '')
    throw new InvalidAgentDropPropsError('defaultModel', 'defaultModel must not be empty.');
  if (!Token.isUnresolved(props.eventBusName) && !busNamePattern.test(props.eventBusName))
    throw new InvalidAgentDropPropsError(
      'eventBusName',
      `eventBusName "${props.eventBusName}" is not a bus name.`,
    );
  if (props.eventBusName === 'default')
    throw new InvalidAgentDropPropsError(
      'eventBusName',
      'eventBusName must name a custom bus, not "default".',
    );
  const buildMinutes = props.buildTimeout.toMinutes({ integral: false });
  if (
    !Token.isUnresolved(buildMinutes) &&
    (buildMinutes < 5 || buildMinutes > 480 || !Number.isInteger(buildMinutes))
  )
    throw new InvalidAgentDropPropsError(
      'buildTimeout',
      'buildTimeout must be a whole number of minutes from 5 to 480.',
    );
  if (
    props.driftCheckRate !== undefined &&
    !Token.isUnresolved(props.driftCheckRate) &&
    !scheduleExpressionPattern.test(props.driftCheckRate)
  )
    throw new InvalidAgentDropPropsError(
      'driftCheckRate',
      `driftCheckRate "${props.driftCheckRate}" is not a schedule expression like rate(1 hour) or cron(0 6 * * ? *).`,
    );
  if (!['report', 'redeploy'].includes(props.onDrift))
    throw new InvalidAgentDropPropsError('onDrift', 'onDrift is "report" or "redeploy".');
  requireInteger('noncurrentVersionRetentionDays', props.noncurrentVersionRetentionDays, 1, 3650);
  requireInteger('imagesPerRepository', props.imagesPerRepository, 1, 1000);
  requireInteger('versionRetention', props.versionRetention, 1, 1000);
  const archiveDays = props.eventArchiveRetention.toDays({ integral: false });
  if (!Token.isUnresolved(archiveDays) && (archiveDays < 1 || !Number.isInteger(archiveDays)))
    throw new InvalidAgentDropPropsError(
      'eventArchiveRetention',
      'eventArchiveRetention must be whole days, at least 1.',
    );
}

function requireInteger(prop: string, value: number, min: number, max: number): void {
  if (Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max)
    throw new InvalidAgentDropPropsError(prop, `${prop} must be a whole number from ${min} to ${max}.`);
}
