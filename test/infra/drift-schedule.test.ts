import { describe, expect, it } from 'vitest';
import { synthDefaultStack, synthStack } from './synth-stack.js';

describe('createDriftSchedule', () => {
  describe('without driftCheckRate', () => {
    it('creates no schedule', async () => {
      const { template } = await synthDefaultStack();
      expect(template.findResources('AWS::Scheduler::Schedule')).toEqual({});
    });
  });

  describe('with driftCheckRate and onDrift redeploy', () => {
    it('invokes the Plan function with the drift action at that rate, with a role that may invoke only it', async () => {
      const { template, findings } = await synthStack(
        { agentDrop: { driftCheckRate: 'rate(1 hour)', onDrift: 'redeploy' } },
        { nag: true },
      );
      const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule'));
      expect(schedules).toHaveLength(1);
      const properties = (schedules[0] as { Properties: Record<string, unknown> }).Properties;
      const plan = Object.keys(template.findResources('AWS::Lambda::Function')).find((id) =>
        id.startsWith('AgentDropPlanFunction'),
      )!;
      const role = Object.keys(template.findResources('AWS::IAM::Role')).find((id) =>
        id.startsWith('AgentDropDriftCheckSchedulerRole'),
      )!;
      expect(properties).toEqual({
        Description: expect.any(String),
        ScheduleExpression: 'rate(1 hour)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: { 'Fn::GetAtt': [plan, 'Arn'] },
          RoleArn: { 'Fn::GetAtt': [role, 'Arn'] },
          Input: JSON.stringify({ action: 'drift', onDrift: 'redeploy' }),
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
        },
      });
      const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
        JSON.stringify(policy).includes(role),
      );
      expect(
        policies.map(
          (policy) => (policy as { Properties: { PolicyDocument: unknown } }).Properties.PolicyDocument,
        ),
      ).toEqual([
        {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'InvokePlanForDriftCheck',
              Effect: 'Allow',
              Action: 'lambda:InvokeFunction',
              Resource: { 'Fn::GetAtt': [plan, 'Arn'] },
            },
          ],
        },
      ]);
      expect(findings).toEqual([]);
    });
  });

  it('refuses a driftCheckRate that is not a recurring schedule expression', async () => {
    await expect(synthStack({ agentDrop: { driftCheckRate: 'every hour' } })).rejects.toThrow(
      /driftCheckRate/,
    );
  });
});
