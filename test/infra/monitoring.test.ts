import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthDefaultStack } from './synth-stack.js';

let template: Template;

beforeAll(async () => {
  template = (await synthDefaultStack()).template;
});

type Alarm = { Properties: Record<string, unknown> };

function alarmOf(prefix: string): Alarm {
  const entry = Object.entries(template.findResources('AWS::CloudWatch::Alarm')).find(([id]) =>
    id.startsWith(prefix),
  );
  expect(entry).toBeDefined();
  return entry![1] as Alarm;
}

describe('createMonitoring', () => {
  it('alarms on any run that failed, timed out or aborted', () => {
    const alarm = alarmOf('AgentDropFailedRunsAlarm');
    expect(alarm.Properties).toMatchObject({
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
    const metrics = alarm.Properties.Metrics as {
      Id: string;
      Expression?: string;
      MetricStat?: { Metric: { MetricName: string } };
    }[];
    expect(metrics.find((metric) => metric.Expression)?.Expression).toBe('failed + timedOut + aborted');
    expect(
      metrics.flatMap((metric) => (metric.MetricStat ? [metric.MetricStat.Metric.MetricName] : [])).sort(),
    ).toEqual(['ExecutionsAborted', 'ExecutionsFailed', 'ExecutionsTimedOut']);
    expect(alarm.Properties.AlarmActions).toBeUndefined();
  });

  it('alarms on any message in the dead-letter queue', () => {
    expect(alarmOf('AgentDropDeadLetterAlarm').Properties).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Statistic: 'Maximum',
      Threshold: 1,
    });
  });

  it('counts deploys by outcome from the outcome events and charts them on the dashboard', () => {
    const filters = Object.values(template.findResources('AWS::Logs::MetricFilter')).map(
      (filter) =>
        (filter.Properties.MetricTransformations as { MetricName: string; MetricNamespace: string }[])[0],
    );
    expect(filters.map((filter) => filter?.MetricName).sort()).toEqual([
      'AgentDestroyed',
      'DeployDurationMs',
      'DeployFailed',
      'DeployQueued',
      'DeploySkipped',
      'DeployStarted',
      'DeploySucceeded',
    ]);
    expect(new Set(filters.map((filter) => filter?.MetricNamespace))).toEqual(
      new Set(['agentdrop/agentdrop']),
    );
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/aws/events/agentdrop-outcomes' });
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'agentdrop-deploys' });
    const body = JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]);
    expect(body).toContain('Deploys by outcome');
    expect(body).toContain('DeployDurationMs');
  });

  it('lets EventBridge write the outcome log group without a custom resource', () => {
    const policies = Object.values(template.findResources('AWS::Logs::ResourcePolicy')).map((policy) =>
      JSON.stringify(policy),
    );
    expect(policies.filter((policy) => policy.includes('events.amazonaws.com'))).toHaveLength(1);
    expect(Object.keys(template.findResources('Custom::CloudwatchLogResourcePolicy'))).toHaveLength(0);
  });
});
