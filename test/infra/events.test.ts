import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthDefaultStack } from './synth-stack.js';

let template: Template;

beforeAll(async () => {
  template = (await synthDefaultStack()).template;
});

type Resource = { Properties: Record<string, unknown> };

function resourceOf(type: string, prefix: string): { id: string; resource: Resource } {
  const matches = Object.entries(template.findResources(type)).filter(([id]) => id.startsWith(prefix));
  expect(matches.map(([id]) => id)).toHaveLength(1);
  const [id, resource] = matches[0]!;
  return { id, resource: resource as Resource };
}

const stateMachine = () => resourceOf('AWS::StepFunctions::StateMachine', 'AgentDropDeployStateMachine').id;
const dropBucket = () => resourceOf('AWS::S3::Bucket', 'AgentDropDropBucket').id;
const deadLetterQueue = () => resourceOf('AWS::SQS::Queue', 'AgentDropTriggerDeadLetterQueue').id;
const bus = () => resourceOf('AWS::Events::EventBus', 'AgentDropEventBus').id;

/** The starter, which starts each run under the name `<project>-<deploy id>`. */
function deployTarget() {
  return [
    {
      Arn: { 'Fn::GetAtt': [resourceOf('AWS::Lambda::Function', 'AgentDropStartFunction').id, 'Arn'] },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [deadLetterQueue(), 'Arn'] } },
      Id: 'Target0',
      RetryPolicy: { MaximumEventAgeInSeconds: 21600, MaximumRetryAttempts: 20 },
    },
  ];
}

describe('createTriggerRules', () => {
  describe('the starter', () => {
    it('knows the state machine, may only start its executions, and keeps what fails in the DLQ', () => {
      const { id, resource } = resourceOf('AWS::Lambda::Function', 'AgentDropStartFunction');
      expect(resource.Properties.Environment).toMatchObject({
        Variables: { STATE_MACHINE_ARN: { Ref: stateMachine() } },
      });
      const role = (resource.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const statements = Object.values(template.findResources('AWS::IAM::Policy'))
        .filter((policy) => JSON.stringify((policy as Resource).Properties.Roles).includes(`"${role}"`))
        .flatMap(
          (policy) =>
            ((policy as Resource).Properties.PolicyDocument as { Statement: Record<string, unknown>[] })
              .Statement,
        );
      // Besides its own logs and X-Ray's tracing writes: start this state machine's runs, and hand failures to the DLQ.
      expect(
        statements
          .filter((statement) => !/^(xray|logs):/.test(String(statement.Action)))
          .map((statement) => [statement.Action, statement.Resource]),
      ).toEqual([
        ['states:StartExecution', { Ref: stateMachine() }],
        [
          ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
          { 'Fn::GetAtt': [deadLetterQueue(), 'Arn'] },
        ],
      ]);
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: id },
        MaximumRetryAttempts: 2,
      });
    });
  });

  describe('the Object Created rule', () => {
    it('matches every creation reason of drops/*.zip on the drop bucket and hands it to the starter', () => {
      const { resource } = resourceOf('AWS::Events::Rule', 'AgentDropObjectCreatedRule');
      expect(resource.Properties.EventBusName).toBeUndefined();
      expect(resource.Properties.EventPattern).toEqual({
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { bucket: { name: [{ Ref: dropBucket() }] }, object: { key: [{ wildcard: 'drops/*.zip' }] } },
      });
      expect(resource.Properties.Targets).toEqual(deployTarget());
    });
  });

  describe('the Object Deleted rule', () => {
    it('matches only a user delete that leaves a delete marker, never lifecycle expiry', () => {
      const { resource } = resourceOf('AWS::Events::Rule', 'AgentDropObjectDeletedRule');
      expect(resource.Properties.EventPattern).toEqual({
        source: ['aws.s3'],
        'detail-type': ['Object Deleted'],
        detail: {
          bucket: { name: [{ Ref: dropBucket() }] },
          object: { key: [{ wildcard: 'drops/*.zip' }] },
          reason: ['DeleteObject'],
          'deletion-type': ['Delete Marker Created'],
        },
      });
      expect(resource.Properties.Targets).toEqual(deployTarget());
    });
  });

  describe('the Redeploy Requested rule', () => {
    it('listens on the agentdrop bus, excludes archive replays and hands it to the starter', () => {
      const { resource } = resourceOf('AWS::Events::Rule', 'AgentDropRedeployRequestedRule');
      expect(resource.Properties.EventBusName).toEqual({ Ref: bus() });
      expect(resource.Properties.EventPattern).toEqual({
        'detail-type': ['Redeploy Requested'],
        'replay-name': [{ exists: false }],
      });
      expect(resource.Properties.Targets).toEqual(deployTarget());
    });
  });

  describe('the execution-ended rule', () => {
    it('sends FAILED, TIMED_OUT and ABORTED runs of this state machine to the finalize function', () => {
      const { resource } = resourceOf('AWS::Events::Rule', 'AgentDropExecutionEndedRule');
      const finalize = resourceOf('AWS::Lambda::Function', 'AgentDropFinalizeFunction').id;
      expect(resource.Properties.EventPattern).toEqual({
        source: ['aws.states'],
        'detail-type': ['Step Functions Execution Status Change'],
        detail: { stateMachineArn: [{ Ref: stateMachine() }], status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
      });
      expect(resource.Properties.Targets).toEqual([
        {
          Arn: { 'Fn::GetAtt': [finalize, 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [deadLetterQueue(), 'Arn'] } },
          Id: 'Target0',
          RetryPolicy: { MaximumEventAgeInSeconds: 21600, MaximumRetryAttempts: 20 },
        },
      ]);
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: finalize },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [deadLetterQueue(), 'Arn'] } } },
      });
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [finalize, 'Arn'] },
        Principal: 'events.amazonaws.com',
      });
    });
  });

  describe('the secret-changed rule', () => {
    it("sends Secrets Manager's new current versions on the default bus to the Plan function", () => {
      const { resource } = resourceOf('AWS::Events::Rule', 'AgentDropSecretChangedRule');
      const plan = resourceOf('AWS::Lambda::Function', 'AgentDropPlanFunction').id;
      expect(resource.Properties.EventBusName).toBeUndefined();
      expect(resource.Properties.EventPattern).toEqual({
        source: ['aws.secretsmanager'],
        'detail-type': ['AWS API Call via CloudTrail', 'AWS Service Event via CloudTrail'],
        detail: {
          eventSource: ['secretsmanager.amazonaws.com'],
          eventName: ['PutSecretValue', 'UpdateSecret', 'UpdateSecretVersionStage', 'RotationSucceeded'],
        },
      });
      expect(resource.Properties.Targets).toEqual([
        {
          Arn: { 'Fn::GetAtt': [plan, 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [deadLetterQueue(), 'Arn'] } },
          Id: 'Target0',
          RetryPolicy: { MaximumEventAgeInSeconds: 21600, MaximumRetryAttempts: 20 },
        },
      ]);
    });
  });

  describe('the dead-letter queue', () => {
    it('is encrypted, TLS-only and lets only the rules send to it', () => {
      const { resource } = resourceOf('AWS::SQS::Queue', 'AgentDropTriggerDeadLetterQueue');
      expect(resource.Properties).toEqual({ MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true });
      const policy = Object.values(template.findResources('AWS::SQS::QueuePolicy'))[0] as Resource;
      const statements = (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] })
        .Statement;
      expect(statements.map((statement) => [statement.Effect, statement.Action])).toEqual([
        ['Deny', 'sqs:*'],
        ['Allow', 'sqs:SendMessage'],
        ['Allow', 'sqs:SendMessage'],
        ['Allow', 'sqs:SendMessage'],
        ['Allow', 'sqs:SendMessage'],
        ['Allow', 'sqs:SendMessage'],
      ]);
    });
  });
});

describe('createEventBus', () => {
  it('creates the agentdrop bus with an archive of its events', () => {
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'agentdrop' });
    const { resource } = resourceOf('AWS::Events::Archive', 'AgentDropEventArchive');
    expect(resource.Properties).toMatchObject({
      SourceArn: { 'Fn::GetAtt': [bus(), 'Arn'] },
      RetentionDays: 90,
      EventPattern: { account: [{ Ref: 'AWS::AccountId' }] },
    });
  });
});
