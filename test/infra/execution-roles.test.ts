import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthDefaultStack } from './synth-stack.js';

type Statement = { Sid?: string; Action: string | string[]; Resource: unknown; Condition?: unknown };
type Role = { Properties: { AssumeRolePolicyDocument: unknown } };

let template: Template;

beforeAll(async () => {
  template = (await synthDefaultStack()).template;
});

function roleOf(prefix: string): { id: string; role: Role } {
  const [id, role] = Object.entries(template.findResources('AWS::IAM::Role')).find(([key]) =>
    key.startsWith(prefix),
  )!;
  return { id, role: role as Role };
}

function statementsOf(roleId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

function agentCoreArn(type: string) {
  return {
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':bedrock-agentcore:',
        { Ref: 'AWS::Region' },
        ':',
        { Ref: 'AWS::AccountId' },
        `:${type}/*`,
      ],
    ],
  };
}

describe('createExecutionRoles', () => {
  for (const [name, type] of [
    ['Harness', 'harness'],
    ['Runtime', 'runtime'],
  ] as const) {
    describe(`the ${type} execution role`, () => {
      it("trusts bedrock-agentcore.amazonaws.com only for this account's resources of its type", () => {
        const { role } = roleOf(`AgentDrop${name}ExecutionRole`);
        expect(role.Properties.AssumeRolePolicyDocument).toEqual({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'sts:AssumeRole',
              Principal: { Service: 'bedrock-agentcore.amazonaws.com' },
              Condition: {
                StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
                ArnLike: { 'aws:SourceArn': [agentCoreArn(type)] },
              },
            },
          ],
        });
      });

      it('may invoke models, pull agentdrop images, write logs, traces and metrics, read prefixed secrets and skills', () => {
        const statements = statementsOf(roleOf(`AgentDrop${name}ExecutionRole`).id);
        expect(statements.map((statement) => statement.Sid)).toEqual(
          expect.arrayContaining([
            'InvokeModels',
            'PullImages',
            'EcrToken',
            'WriteLogs',
            'Telemetry',
            'Metrics',
            'WorkloadAccessTokens',
            'ReadSecrets',
            'ReadSkills',
            'ListSkills',
          ]),
        );
        const metrics = statements.find((statement) => statement.Sid === 'Metrics');
        expect(metrics?.Condition).toEqual({ StringEquals: { 'cloudwatch:namespace': 'bedrock-agentcore' } });
        const skills = statements.find((statement) => statement.Sid === 'ReadSkills');
        expect(JSON.stringify(skills?.Resource)).toContain('/skills/*');
        const actions = statements.flatMap((statement) => ([] as string[]).concat(statement.Action));
        expect(actions).not.toContain('bedrock-agentcore:GetWorkloadAccessTokenForUserId');
        expect(actions.filter((action) => action.startsWith('iam:'))).toEqual([]);
      });
    });
  }

  it('gives only the runtime role the Code Interpreter and Browser sessions of its built-in tools', () => {
    const sids = (prefix: string) => statementsOf(roleOf(prefix).id).map((statement) => statement.Sid);
    expect(sids('AgentDropRuntimeExecutionRole')).toEqual(
      expect.arrayContaining(['CodeInterpreterSessions', 'BrowserSessions']),
    );
    expect(sids('AgentDropHarnessExecutionRole')).not.toContain('CodeInterpreterSessions');
  });
});
