import { ArnFormat, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { Rule } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  FilterPattern,
  LogGroup,
  MetricFilter,
  ResourcePolicy,
  type RetentionDays,
} from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { DetailType, EventSource } from '../functions/lib/detail-types.js';

/** Outcome detail types counted on the dashboard (everything agentdrop publishes except the command). */
export const OutcomeDetailTypes = [
  DetailType.DeployStarted,
  DetailType.DeploySucceeded,
  DetailType.DeployFailed,
  DetailType.DeploySkipped,
  DetailType.DeployQueued,
  DetailType.AgentDestroyed,
] as const;

/** Metrics derived from the outcome events. */
export interface OutcomeMetrics {
  /** One count metric per outcome detail type. */
  readonly counts: Readonly<Record<(typeof OutcomeDetailTypes)[number], Metric>>;
  /** `data.durations.totalMs` of `Deploy Succeeded` and `Agent Destroyed`. */
  readonly durationMs: Metric;
  /** The log group holding every outcome event (an audit trail beside the receipts). */
  readonly logGroup: LogGroup;
}

/** Options of {@link createOutcomeMetrics}. */
export interface OutcomeMetricsOptions {
  readonly bus: IEventBus;
  readonly stackName: string;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * Sends every outcome event on the agentdrop bus to a CloudWatch Logs group and counts them with metric filters
 * (namespace `agentdrop/<stack>`), so the dashboard shows deploys by outcome. The log group's resource policy is an
 * `AWS::Logs::ResourcePolicy`, not the custom-resource Lambda the L2 log-group target would add.
 */
export function createOutcomeMetrics(scope: Construct, options: OutcomeMetricsOptions): OutcomeMetrics {
  const namespace = `agentdrop/${options.stackName}`;
  const logGroup = new LogGroup(scope, 'OutcomeLogs', {
    // EventBridge delivers to log groups under /aws/events/ only.
    logGroupName: `/aws/events/${options.stackName}-outcomes`,
    retention: options.logRetention,
    removalPolicy: options.removalPolicy,
  });
  new ResourcePolicy(scope, 'OutcomeLogsPolicy', {
    policyStatements: [
      new PolicyStatement({
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${logGroup.logGroupArn}`],
      }),
    ],
  });
  new Rule(scope, 'OutcomeEventsRule', {
    description: 'Every agentdrop outcome event, to the outcome log group for the dashboard metrics.',
    eventBus: options.bus,
    eventPattern: { source: [EventSource], detailType: [...OutcomeDetailTypes] },
    // A log-group target is named without the `:*` suffix that `logGroupArn` carries.
    targets: [
      {
        bind: () => ({
          arn: Stack.of(scope).formatArn({
            service: 'logs',
            resource: 'log-group',
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            resourceName: logGroup.logGroupName,
          }),
        }),
      },
    ],
  });

  const counts = Object.fromEntries(
    OutcomeDetailTypes.map((detailType) => {
      const metricName = detailType.replace(/ /g, '');
      new MetricFilter(scope, `${metricName}Filter`, {
        logGroup,
        metricNamespace: namespace,
        metricName,
        filterPattern: FilterPattern.stringValue('$.detail-type', '=', detailType),
        metricValue: '1',
      });
      return [detailType, new Metric({ namespace, metricName, statistic: 'Sum' })];
    }),
  ) as Record<(typeof OutcomeDetailTypes)[number], Metric>;

  new MetricFilter(scope, 'DeployDurationFilter', {
    logGroup,
    metricNamespace: namespace,
    metricName: 'DeployDurationMs',
    filterPattern: FilterPattern.exists('$.detail.data.durations.totalMs'),
    metricValue: '$.detail.data.durations.totalMs',
  });
  const durationMs = new Metric({ namespace, metricName: 'DeployDurationMs', statistic: 'p50' });
  return { counts, durationMs, logGroup };
}
