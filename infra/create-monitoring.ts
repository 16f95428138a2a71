import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  SingleValueWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Project } from 'aws-cdk-lib/aws-codebuild';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { PipelineFunctions } from './create-functions.js';
import { createOutcomeMetrics } from './create-outcome-metrics.js';
import type { ResolvedAgentDropProps } from './resolve-props.js';

/** The stack's alarms and dashboard. */
export interface Monitoring {
  /** Any run that ended FAILED, TIMED_OUT or ABORTED (a failed deploy, an invalid drop, a dead run). */
  readonly failedRunsAlarm: Alarm;
  /** Any trigger EventBridge could not deliver. */
  readonly deadLetterAlarm: Alarm;
  readonly dashboard: Dashboard;
}

/** What is monitored. */
export interface MonitoredResources {
  readonly stateMachine: IStateMachine;
  readonly deadLetterQueue: IQueue;
  readonly bus: IEventBus;
  readonly buildProject: Project;
  readonly functions: PipelineFunctions;
}

/**
 * Creates the alarms (to the optional SNS topic) and the deploys dashboard: counts by outcome, durations,
 * executions, builds and function errors.
 */
export function createMonitoring(
  scope: Construct,
  props: ResolvedAgentDropProps,
  resources: MonitoredResources,
): Monitoring {
  const { stateMachine, deadLetterQueue, buildProject, functions } = resources;
  const period = Duration.minutes(5);
  const failedRuns = new MathExpression({
    label: 'Runs failed, timed out or aborted',
    expression: 'failed + timedOut + aborted',
    usingMetrics: {
      failed: stateMachine.metricFailed({ period }),
      timedOut: stateMachine.metricTimedOut({ period }),
      aborted: stateMachine.metricAborted({ period }),
    },
    period,
  });
  const failedRunsAlarm = new Alarm(scope, 'FailedRunsAlarm', {
    alarmDescription:
      'A deploy run ended FAILED, TIMED_OUT or ABORTED; see the receipt and the Deploy Failed event.',
    metric: failedRuns,
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  const deadLetterAlarm = new Alarm(scope, 'DeadLetterAlarm', {
    alarmDescription:
      'EventBridge could not deliver a trigger or status-change event; inspect the dead-letter queue.',
    metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  if (props.alarmTopic) {
    for (const alarm of [failedRunsAlarm, deadLetterAlarm])
      alarm.addAlarmAction(new SnsAction(props.alarmTopic));
  }

  const outcomes = createOutcomeMetrics(scope, {
    bus: resources.bus,
    stackName: props.stackName,
    logRetention: props.logRetention,
    removalPolicy: props.removalPolicy,
  });
  const hour = Duration.hours(1);
  const dashboard = new Dashboard(scope, 'Dashboard', {
    dashboardName: `${props.stackName}-deploys`,
    widgets: [
      [
        new GraphWidget({
          title: 'Deploys by outcome',
          width: 12,
          stacked: true,
          left: Object.entries(outcomes.counts).map(([label, metric]) =>
            metric.with({ label, period: hour }),
          ),
        }),
        new GraphWidget({
          title: 'Deploy duration (ms)',
          width: 12,
          left: ['p50', 'p90', 'Maximum'].map((statistic) =>
            outcomes.durationMs.with({ statistic, period: hour, label: `deploy ${statistic}` }),
          ),
          right: [stateMachine.metricTime({ period: hour, label: 'execution time (avg)' })],
        }),
      ],
      [
        new GraphWidget({
          title: 'Executions',
          width: 8,
          left: [
            stateMachine.metricStarted({ period: hour, label: 'started' }),
            stateMachine.metricSucceeded({ period: hour, label: 'succeeded' }),
            failedRuns.with({ period: hour }),
          ],
        }),
        new GraphWidget({
          title: 'Image builds',
          width: 8,
          left: [
            buildProject.metricSucceededBuilds({ period: hour, label: 'succeeded' }),
            buildProject.metricFailedBuilds({ period: hour, label: 'failed' }),
          ],
          right: [buildProject.metricDuration({ period: hour, label: 'duration (s)' })],
        }),
        new GraphWidget({
          title: 'Function errors',
          width: 8,
          left: Object.entries(functions).map(([name, fn]) => fn.metricErrors({ period: hour, label: name })),
        }),
      ],
      [
        new SingleValueWidget({
          title: 'Undelivered triggers (DLQ)',
          width: 6,
          metrics: [deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum' })],
        }),
      ],
    ],
  });
  return { failedRunsAlarm, deadLetterAlarm, dashboard };
}
