import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../functions/lib/config.js';
import { AgentDropStack } from '../../infra/index.js';
import { synthDefaultStack } from './synth-stack.js';

type Statement = {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
};
type Resource = { Properties: Record<string, unknown> };

let template: Template;
const names = ['Plan', 'Harness', 'Runtime', 'Invoke', 'Finalize'] as const;

beforeAll(async () => {
  template = (await synthDefaultStack()).template;
});

function functionOf(name: (typeof names)[number]): { id: string; resource: Resource } {
  const entries = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) =>
    id.startsWith(`AgentDrop${name}Function`),
  );
  expect(entries).toHaveLength(1);
  return { id: entries[0]![0], resource: entries[0]![1] as Resource };
}

function roleIdOf(name: (typeof names)[number]): string {
  return (functionOf(name).resource.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
}

function statementsOf(roleId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

function actionsOf(roleId: string): string[] {
  return statementsOf(roleId).flatMap((statement) => ([] as string[]).concat(statement.Action));
}

function withAction(roleId: string, action: string): Statement[] {
  return statementsOf(roleId).filter((statement) =>
    ([] as string[]).concat(statement.Action).includes(action),
  );
}

describe('createFunctions', () => {
  it('returns five Node 22 arm64 functions with active tracing, a log group and a role each', () => {
    const roles = names.map((name) => {
      const { resource } = functionOf(name);
      expect(resource.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: {
          LogGroup: { Ref: expect.stringMatching(new RegExp(`^AgentDrop${name}FunctionLogs`)) },
        },
      });
      return roleIdOf(name);
    });
    expect(new Set(roles).size).toBe(5);
    for (const roleId of roles) {
      const role = template.findResources('AWS::IAM::Role')[roleId] as Resource;
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties.AssumeRolePolicyDocument).toEqual({
        Statement: [
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
        ],
        Version: '2012-10-17',
      });
    }
  });

  it('gives every function the environment readConfig needs', () => {
    for (const name of names) {
      const environment = (
        functionOf(name).resource.Properties.Environment as { Variables: Record<string, unknown> }
      ).Variables;
      const asStrings = Object.fromEntries(
        Object.entries(environment).map(([key, value]) => [
          key,
          typeof value === 'string' ? value : JSON.stringify(value),
        ]),
      );
      expect(() => readConfig(asStrings)).not.toThrow();
      expect(environment).toMatchObject({
        SECRET_PREFIX: 'agentdrop/',
        STACK_NAME: 'agentdrop',
        DEFAULT_MODEL: 'claude-haiku-4-5',
        REGION: { Ref: 'AWS::Region' },
        AGENT_TRACES: 'true',
      });
      expect(Object.keys(environment).sort()).toEqual([
        'AGENT_APPLICATION_LOG_DESTINATION',
        'AGENT_APPLICATION_LOG_GROUP',
        'AGENT_CORE_REGIONS',
        'AGENT_TRACES',
        'AGENT_TRACE_DESTINATION',
        'AGENT_USAGE_LOG_DESTINATION',
        'AGENT_USAGE_LOG_GROUP',
        'ARTIFACTS_BUCKET',
        'DEFAULT_MODEL',
        'DROP_BUCKET',
        'ECR_REGISTRY',
        'EVENT_BUS_NAME',
        'HARNESS_ROLE_ARN',
        'LOCK_LEASE_SECONDS',
        'REGION',
        'RUNTIME_ARTIFACT',
        'RUNTIME_ROLE_ARN',
        'SECRET_PREFIX',
        'STACK_NAME',
        'TABLE_NAME',
        'VERSION_RETENTION',
      ]);
    }
  });

  describe('iam:PassRole', () => {
    it('lets the harness function pass only the harness role, and the runtime function only the runtime role, to AgentCore', () => {
      const roleArn = (prefix: string) => ({
        'Fn::GetAtt': [
          Object.keys(template.findResources('AWS::IAM::Role')).find((id) => id.startsWith(prefix)),
          'Arn',
        ],
      });
      const condition = { StringEquals: { 'iam:PassedToService': 'bedrock-agentcore.amazonaws.com' } };
      expect(withAction(roleIdOf('Harness'), 'iam:PassRole')).toEqual([
        {
          Sid: 'PassExecutionRole',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: roleArn('AgentDropHarnessExecutionRole'),
          Condition: condition,
        },
      ]);
      expect(withAction(roleIdOf('Runtime'), 'iam:PassRole')).toEqual([
        {
          Sid: 'PassExecutionRole',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: roleArn('AgentDropRuntimeExecutionRole'),
          Condition: condition,
        },
      ]);
      for (const name of ['Plan', 'Invoke', 'Finalize'] as const) {
        expect(actionsOf(roleIdOf(name))).not.toContain('iam:PassRole');
      }
    });
  });

  describe('AgentCore permissions', () => {
    const ownedByStack = { StringEquals: { 'aws:ResourceTag/agentdrop:stack': 'agentdrop' } };

    it('conditions harness Update/Delete on the stack tag and grants the paired runtime, memory and identity actions', () => {
      const role = roleIdOf('Harness');
      expect(withAction(role, 'bedrock-agentcore:UpdateHarness')).toEqual([
        expect.objectContaining({
          Action: [
            'bedrock-agentcore:UpdateHarness',
            'bedrock-agentcore:DeleteHarness',
            'bedrock-agentcore:UpdateAgentRuntime',
            'bedrock-agentcore:DeleteAgentRuntime',
          ],
          Condition: ownedByStack,
        }),
      ]);
      expect(withAction(role, 'bedrock-agentcore:CreateHarness')).toEqual([
        expect.objectContaining({
          Action: ['bedrock-agentcore:CreateHarness', 'bedrock-agentcore:CreateAgentRuntime'],
          Resource: '*',
          Condition: { StringEquals: { 'aws:RequestTag/agentdrop:stack': 'agentdrop' } },
        }),
      ]);
      expect(actionsOf(role)).toEqual(
        expect.arrayContaining([
          'bedrock-agentcore:CreateHarness',
          'bedrock-agentcore:CreateAgentRuntime',
          'bedrock-agentcore:GetAgentRuntime',
          'bedrock-agentcore:UpdateAgentRuntime',
          'bedrock-agentcore:DeleteAgentRuntime',
          'bedrock-agentcore:CreateMemory',
          'bedrock-agentcore:GetMemory',
          'bedrock-agentcore:CreateWorkloadIdentity',
          'bedrock-agentcore:TagResource',
        ]),
      );
      expect(withAction(role, 'bedrock-agentcore:TagResource')[0]?.Condition).toEqual({
        StringEquals: { 'aws:RequestTag/agentdrop:stack': 'agentdrop' },
      });
    });

    it('conditions runtime Update/Delete on the stack tag', () => {
      expect(withAction(roleIdOf('Runtime'), 'bedrock-agentcore:DeleteAgentRuntime')).toEqual([
        expect.objectContaining({ Condition: ownedByStack }),
      ]);
      expect(actionsOf(roleIdOf('Runtime'))).not.toContain('bedrock-agentcore:DeleteHarness');
    });

    it('lets the invoke function call harnesses (tagged) and runtimes, and nothing that changes them', () => {
      const actions = actionsOf(roleIdOf('Invoke'));
      expect(actions).toEqual(
        expect.arrayContaining(['bedrock-agentcore:InvokeHarness', 'bedrock-agentcore:InvokeAgentRuntime']),
      );
      expect(actions.filter((action) => /^bedrock-agentcore:(Create|Update|Delete)/.test(action))).toEqual(
        [],
      );
      expect(withAction(roleIdOf('Invoke'), 'bedrock-agentcore:InvokeHarness')[0]?.Condition).toEqual(
        ownedByStack,
      );
    });

    it('lets the plan function only read AgentCore and its quotas', () => {
      const agentCore = actionsOf(roleIdOf('Plan')).filter(
        (action) => action.startsWith('bedrock-agentcore:') || action.startsWith('servicequotas:'),
      );
      expect([...new Set(agentCore)].sort()).toEqual([
        'bedrock-agentcore:GetAgentRuntime',
        'bedrock-agentcore:GetAgentRuntimeEndpoint',
        'bedrock-agentcore:GetHarness',
        'bedrock-agentcore:GetHarnessEndpoint',
        'bedrock-agentcore:ListAgentRuntimeEndpoints',
        'bedrock-agentcore:ListAgentRuntimeVersions',
        'bedrock-agentcore:ListAgentRuntimes',
        'bedrock-agentcore:ListHarnessEndpoints',
        'bedrock-agentcore:ListHarnessVersions',
        'bedrock-agentcore:ListHarnesses',
        'bedrock-agentcore:ListTagsForResource',
        'servicequotas:ListServiceQuotas',
      ]);
    });
  });

  describe('secrets', () => {
    it('scopes every secrets action to the secret prefix and gives values only to the harness function', () => {
      const prefixArn = {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':secretsmanager:',
            { Ref: 'AWS::Region' },
            ':',
            { Ref: 'AWS::AccountId' },
            ':secret:agentdrop/*',
          ],
        ],
      };
      for (const name of names) {
        for (const statement of statementsOf(roleIdOf(name))) {
          if (
            ([] as string[]).concat(statement.Action).some((action) => action.startsWith('secretsmanager:'))
          ) {
            expect(statement.Resource).toEqual(prefixArn);
          }
        }
      }
      const readers = names.filter((name) =>
        actionsOf(roleIdOf(name)).includes('secretsmanager:GetSecretValue'),
      );
      expect(readers).toEqual(['Harness']);
    });
  });

  describe('the finalize function', () => {
    it('may read and write the table, put events on the bus, read run histories and report its own failures to the DLQ', () => {
      expect(
        actionsOf(roleIdOf('Finalize'))
          .filter((action) => !/^(logs|xray):/.test(action))
          .sort(),
      ).toEqual(
        [
          'dynamodb:BatchGetItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:ConditionCheckItem',
          'dynamodb:DeleteItem',
          'dynamodb:DescribeTable',
          'dynamodb:GetItem',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
          'dynamodb:PutItem',
          'dynamodb:Query',
          'dynamodb:Scan',
          'dynamodb:UpdateItem',
          'events:PutEvents',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:SendMessage',
          'states:GetExecutionHistory',
        ].sort(),
      );
    });
  });
});

describe('createPipelineFunction', () => {
  describe('when the context sets lambdaSourceMaps', () => {
    it('enables source maps in every function', () => {
      const outdir = mkdtempSync(join(tmpdir(), 'agentdrop-cdk-maps-'));
      try {
        const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [], lambdaSourceMaps: 'true' } });
        const stack = new AgentDropStack(app, 'agentdrop', {});
        const functions = Object.values(
          Template.fromStack(stack).findResources('AWS::Lambda::Function'),
        ).filter((resource) => resource.Properties.Handler === 'index.handler');
        expect(functions.map((fn) => fn.Properties.Environment.Variables.NODE_OPTIONS)).toEqual(
          Array(6).fill('--enable-source-maps'),
        );
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    });
  });
});
