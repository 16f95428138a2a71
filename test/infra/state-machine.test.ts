import { readFileSync } from 'node:fs';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthDefaultStack } from './synth-stack.js';

let template: Template;
let machine: { Properties: Record<string, unknown> };
let statements: { Sid?: string; Action: string | string[]; Resource: unknown; Effect: string }[];

const definition = readFileSync(new URL('../../statemachine/deploy.asl.json', import.meta.url), 'utf8');

beforeAll(async () => {
  template = (await synthDefaultStack()).template;
  machine = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0] as typeof machine;
  const role = (machine.Properties.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter(
    (policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: role }]),
  );
  expect(policies).toHaveLength(1);
  statements = policies[0]!.Properties.PolicyDocument.Statement;
});

function idOf(type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

function statementFor(action: string) {
  return statements.find((statement) => ([] as string[]).concat(statement.Action).includes(action));
}

describe('createStateMachine', () => {
  it('deploys statemachine/deploy.asl.json as a Standard machine with a substitution for every placeholder', () => {
    const placeholders = [
      ...new Set([...definition.matchAll(/\$\{([A-Za-z]+)\}/g)].map((match) => match[1])),
    ].sort();
    expect(machine.Properties).toMatchObject({
      StateMachineName: 'agentdrop-deploy',
      StateMachineType: 'STANDARD',
    });
    // The file as it is, but for the two timeouts of this stack's build timeout (the default's: equal).
    expect(JSON.parse(machine.Properties.DefinitionString as string)).toEqual(JSON.parse(definition));
    expect(Object.keys(machine.Properties.DefinitionSubstitutions as object).sort()).toEqual(placeholders);
    expect(machine.Properties.DefinitionSubstitutions).toEqual({
      PlanFunctionArn: { 'Fn::GetAtt': [idOf('AWS::Lambda::Function', 'AgentDropPlanFunction'), 'Arn'] },
      HarnessFunctionArn: {
        'Fn::GetAtt': [idOf('AWS::Lambda::Function', 'AgentDropHarnessFunction'), 'Arn'],
      },
      RuntimeFunctionArn: {
        'Fn::GetAtt': [idOf('AWS::Lambda::Function', 'AgentDropRuntimeFunction'), 'Arn'],
      },
      InvokeFunctionArn: { 'Fn::GetAtt': [idOf('AWS::Lambda::Function', 'AgentDropInvokeFunction'), 'Arn'] },
      TableName: { Ref: idOf('AWS::DynamoDB::Table', 'AgentDropTable') },
      EventBusName: { Ref: idOf('AWS::Events::EventBus', 'AgentDropEventBus') },
      BuildProjectName: { Ref: idOf('AWS::CodeBuild::Project', 'AgentDropImageBuild') },
      ArtifactsBucket: { Ref: idOf('AWS::S3::Bucket', 'AgentDropArtifactsBucket') },
    });
  });

  it('logs ALL with execution data to a vended log group and traces with X-Ray', () => {
    const logGroup = idOf('AWS::Logs::LogGroup', 'AgentDropStateMachineLogs');
    expect(machine.Properties.LoggingConfiguration).toEqual({
      Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [logGroup, 'Arn'] } } }],
      IncludeExecutionData: true,
      Level: 'ALL',
    });
    expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/vendedlogs/states/agentdrop-deploy',
      RetentionInDays: 30,
    });
  });

  describe('its role', () => {
    it('may invoke exactly the four Task functions', () => {
      const invoked = statements
        .filter((statement) => statement.Action === 'lambda:InvokeFunction')
        .flatMap((statement) => statement.Resource as unknown[]);
      const functions = ['Plan', 'Harness', 'Runtime', 'Invoke'].map((name) =>
        idOf('AWS::Lambda::Function', `AgentDrop${name}Function`),
      );
      expect(invoked).toEqual(
        functions.flatMap((id) => [
          { 'Fn::GetAtt': [id, 'Arn'] },
          { 'Fn::Join': ['', [{ 'Fn::GetAtt': [id, 'Arn'] }, ':*']] },
        ]),
      );
    });

    it('may update and delete items of the table only', () => {
      expect(statementFor('dynamodb:UpdateItem')).toEqual({
        Sid: 'LockItems',
        Effect: 'Allow',
        Action: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        Resource: { 'Fn::GetAtt': [idOf('AWS::DynamoDB::Table', 'AgentDropTable'), 'Arn'] },
      });
    });

    it('may put events on the agentdrop bus only', () => {
      expect(statementFor('events:PutEvents')).toEqual({
        Effect: 'Allow',
        Action: 'events:PutEvents',
        Resource: { 'Fn::GetAtt': [idOf('AWS::Events::EventBus', 'AgentDropEventBus'), 'Arn'] },
      });
    });

    it('may run the image build and manage the managed startBuild.sync rule', () => {
      expect(statementFor('codebuild:StartBuild')).toEqual({
        Sid: 'RunImageBuild',
        Effect: 'Allow',
        Action: [
          'codebuild:StartBuild',
          'codebuild:StopBuild',
          'codebuild:BatchGetBuilds',
          'codebuild:BatchGetReports',
        ],
        Resource: { 'Fn::GetAtt': [idOf('AWS::CodeBuild::Project', 'AgentDropImageBuild'), 'Arn'] },
      });
      expect(statementFor('events:PutRule')).toEqual({
        Sid: 'CodeBuildSyncRule',
        Effect: 'Allow',
        Action: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':events:',
              { Ref: 'AWS::Region' },
              ':',
              { Ref: 'AWS::AccountId' },
              ':rule/StepFunctionsGetEventForCodeBuildStartBuildRule',
            ],
          ],
        },
      });
    });

    it('may deliver logs and traces', () => {
      expect(statementFor('logs:CreateLogDelivery')?.Resource).toBe('*');
      expect(statementFor('xray:PutTraceSegments')?.Resource).toBe('*');
    });
  });
});
