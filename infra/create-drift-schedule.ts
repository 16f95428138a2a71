import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { grant } from './grant.js';
import type { ResolvedAgentDropProps } from './resolve-props.js';

/** The drift schedule and the role it invokes the Plan function with. */
export interface DriftSchedule {
  readonly schedule: CfnSchedule;
  readonly role: Role;
}

/**
 * An EventBridge Scheduler schedule that invokes the Plan function with `{action: 'drift', onDrift}` at
 * `driftCheckRate` (docs/state-machine.md §11); none when the prop is unset (the default). Its role may invoke
 * that one function, nothing else.
 */
export function createDriftSchedule(
  scope: Construct,
  props: ResolvedAgentDropProps,
  planFunction: IFunction,
): DriftSchedule | null {
  if (props.driftCheckRate === undefined) return null;
  const construct = new Construct(scope, 'DriftCheck');
  const role = new Role(construct, 'SchedulerRole', {
    description: 'EventBridge Scheduler: invokes the Plan function for the scheduled drift check.',
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': props.account } },
    }),
  });
  grant(
    role,
    new PolicyStatement({
      sid: 'InvokePlanForDriftCheck',
      actions: ['lambda:InvokeFunction'],
      resources: [planFunction.functionArn],
    }),
  );
  const schedule = new CfnSchedule(construct, 'Schedule', {
    description: 'Compares each deployed harness or runtime with what its last deploy set (Drift Detected).',
    scheduleExpression: props.driftCheckRate,
    flexibleTimeWindow: { mode: 'OFF' },
    target: {
      arn: planFunction.functionArn,
      roleArn: role.roleArn,
      input: JSON.stringify({ action: 'drift', onDrift: props.onDrift }),
      // A failed check is retried a little; the next scheduled run checks again anyway.
      retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
    },
  });
  return { schedule, role };
}
