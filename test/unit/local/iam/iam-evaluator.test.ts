import { describe, expect, it } from 'vitest';
import {
  type CfnTemplate,
  createIamEvaluator,
  type PolicyStatementJson,
} from '../../../../local/iam/index.js';

const harnessArn = 'arn:aws:bedrock-agentcore:us-west-2:000000000000:harness/h-1';

/** A template with one role, `DeployerRole`, holding `statements` in an attached AWS::IAM::Policy. */
function templateWith(statements: readonly unknown[], inline: readonly unknown[] = []): CfnTemplate {
  return {
    Resources: {
      DeployerRole: {
        Type: 'AWS::IAM::Role',
        Properties: { Policies: inline.map((statement) => ({ PolicyDocument: { Statement: [statement] } })) },
      },
      Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
      DeployerPolicy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyDocument: { Version: '2012-10-17', Statement: statements },
          Roles: [{ Ref: 'DeployerRole' }],
        },
      },
    },
  };
}

function decide(statements: readonly unknown[], action: string, resource: string, context = {}): string {
  return createIamEvaluator(templateWith(statements)).evaluate({
    principal: 'DeployerRole',
    action,
    resource,
    context,
  }).decision;
}

const allow = (statement: Partial<PolicyStatementJson>): PolicyStatementJson => ({
  Effect: 'Allow',
  Action: 'bedrock-agentcore:UpdateHarness',
  Resource: 'arn:aws:bedrock-agentcore:us-west-2:000000000000:harness/*',
  ...statement,
});

describe('createIamEvaluator', () => {
  describe('statements', () => {
    it('allows a matching action and resource, case-insensitively for the action', () => {
      expect(decide([allow({})], 'bedrock-agentcore:updateharness', harnessArn)).toBe('allow');
    });

    it('denies implicitly when no statement allows, naming the role, action and resource as AWS does', () => {
      const evaluator = createIamEvaluator(templateWith([allow({})]));
      expect(
        evaluator.evaluate({
          principal: 'DeployerRole',
          action: 'bedrock-agentcore:DeleteHarness',
          resource: harnessArn,
        }),
      ).toEqual({
        decision: 'implicitDeny',
        message: `User: arn:aws:sts::000000000000:assumed-role/DeployerRole/agentdrop-local is not authorized to perform: bedrock-agentcore:DeleteHarness on resource: ${harnessArn} because no identity-based policy allows the bedrock-agentcore:DeleteHarness action`,
      });
    });

    it('lets an explicit deny beat an allow', () => {
      const deny = { ...allow({}), Effect: 'Deny' };
      expect(decide([allow({}), deny], 'bedrock-agentcore:UpdateHarness', harnessArn)).toBe('explicitDeny');
    });

    it('does not match a resource-less action granted on an ARN', () => {
      const create = allow({ Action: 'bedrock-agentcore:CreateHarness' });
      expect(decide([create], 'bedrock-agentcore:CreateHarness', '*')).toBe('implicitDeny');
      expect(
        decide(
          [allow({ Action: 'bedrock-agentcore:CreateHarness', Resource: '*' })],
          'bedrock-agentcore:CreateHarness',
          '*',
        ),
      ).toBe('allow');
    });

    it('honours NotAction and NotResource', () => {
      const notAction = { Effect: 'Allow', NotAction: 'bedrock-agentcore:Delete*', Resource: '*' };
      expect(decide([notAction], 'bedrock-agentcore:DeleteHarness', harnessArn)).toBe('implicitDeny');
      expect(decide([notAction], 'bedrock-agentcore:GetHarness', harnessArn)).toBe('allow');
      const notResource = {
        Effect: 'Allow',
        Action: '*',
        NotResource: 'arn:aws:bedrock-agentcore:*:*:runtime/*',
      };
      expect(decide([notResource], 'bedrock-agentcore:GetHarness', harnessArn)).toBe('allow');
    });

    it('reads inline policies and resolves the template intrinsics to the local account and region', () => {
      const statement = {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/plans/*']] },
      };
      const sub = {
        Effect: 'Allow',
        Action: 'bedrock-agentcore:GetHarness',
        Resource: {
          'Fn::Sub': 'arn:${AWS::Partition}:bedrock-agentcore:${AWS::Region}:${AWS::AccountId}:harness/*',
        },
      };
      const evaluator = createIamEvaluator(templateWith([statement], [sub]), {
        physicalNames: { Bucket: 'artifacts' },
      });
      const ask = (action: string, resource: string) =>
        evaluator.evaluate({ principal: 'arn:aws:iam::000000000000:role/DeployerRole', action, resource })
          .decision;
      expect(ask('s3:GetObject', 'arn:aws:s3:::artifacts/plans/p.json')).toBe('allow');
      expect(ask('s3:GetObject', 'arn:aws:s3:::artifacts/drops/p.zip')).toBe('implicitDeny');
      expect(ask('bedrock-agentcore:GetHarness', harnessArn)).toBe('allow');
      expect(ask('bedrock-agentcore:GetHarness', harnessArn.replace('us-west-2', 'us-east-1'))).toBe(
        'implicitDeny',
      );
    });

    it('refuses an unknown principal and an intrinsic it cannot resolve', () => {
      expect(() =>
        createIamEvaluator(templateWith([])).evaluate({ principal: 'Nobody', action: 'x:Y', resource: '*' }),
      ).toThrow(expect.objectContaining({ name: 'UnknownPrincipal' }));
      expect(() =>
        createIamEvaluator(templateWith([allow({ Resource: { 'Fn::ImportValue': 'x' } as never })])),
      ).toThrow(expect.objectContaining({ name: 'UnresolvableIntrinsic' }));
    });
  });

  describe('conditions', () => {
    const owned = allow({ Condition: { StringEquals: { 'aws:ResourceTag/agentdrop:stack': 'agentdrop' } } });

    it('looks a tag key containing a colon up whole, case-insensitively', () => {
      expect(
        decide([owned], 'bedrock-agentcore:UpdateHarness', harnessArn, {
          'aws:ResourceTag/agentdrop:stack': 'agentdrop',
        }),
      ).toBe('allow');
      expect(
        decide([owned], 'bedrock-agentcore:UpdateHarness', harnessArn, {
          'AWS:resourcetag/AGENTDROP:stack': 'agentdrop',
        }),
      ).toBe('allow');
      expect(
        decide([owned], 'bedrock-agentcore:UpdateHarness', harnessArn, {
          'aws:ResourceTag/agentdrop:stack': 'other',
        }),
      ).toBe('implicitDeny');
      expect(
        decide([owned], 'bedrock-agentcore:UpdateHarness', harnessArn, {
          'aws:ResourceTag/agentdrop': 'agentdrop',
        }),
      ).toBe('implicitDeny');
    });

    it('treats an absent key as no match, except for negated and IfExists operators', () => {
      expect(decide([owned], 'bedrock-agentcore:UpdateHarness', harnessArn)).toBe('implicitDeny');
      const negated = allow({ Condition: { StringNotEquals: { 'aws:ResourceTag/team': ['a', 'b'] } } });
      expect(decide([negated], 'bedrock-agentcore:UpdateHarness', harnessArn)).toBe('allow');
      expect(
        decide([negated], 'bedrock-agentcore:UpdateHarness', harnessArn, { 'aws:ResourceTag/team': 'c' }),
      ).toBe('allow');
      expect(
        decide([negated], 'bedrock-agentcore:UpdateHarness', harnessArn, { 'aws:ResourceTag/team': 'b' }),
      ).toBe('implicitDeny');
      const ifExists = allow({ Condition: { StringEqualsIfExists: { 'aws:ResourceTag/team': 'a' } } });
      expect(decide([ifExists], 'bedrock-agentcore:UpdateHarness', harnessArn)).toBe('allow');
      expect(
        decide([ifExists], 'bedrock-agentcore:UpdateHarness', harnessArn, { 'aws:ResourceTag/team': 'b' }),
      ).toBe('implicitDeny');
      const isNull = allow({ Condition: { Null: { 'aws:ResourceTag/team': 'true' } } });
      expect(decide([isNull], 'bedrock-agentcore:UpdateHarness', harnessArn)).toBe('allow');
      expect(
        decide([isNull], 'bedrock-agentcore:UpdateHarness', harnessArn, { 'aws:ResourceTag/team': 'a' }),
      ).toBe('implicitDeny');
    });

    it('requires every key of a block and every block', () => {
      const both = allow({
        Condition: {
          StringEquals: { 'aws:ResourceTag/agentdrop:stack': 'agentdrop', 'aws:ResourceTag/team': 'a' },
          StringLike: { 'aws:ResourceTag/project': 'demo-*' },
        },
      });
      const all = {
        'aws:ResourceTag/agentdrop:stack': 'agentdrop',
        'aws:ResourceTag/team': 'a',
        'aws:ResourceTag/project': 'demo-1',
      };
      expect(decide([both], 'bedrock-agentcore:UpdateHarness', harnessArn, all)).toBe('allow');
      for (const key of Object.keys(all)) {
        expect(decide([both], 'bedrock-agentcore:UpdateHarness', harnessArn, { ...all, [key]: 'x' })).toBe(
          'implicitDeny',
        );
      }
    });

    it('evaluates ForAnyValue and ForAllValues over multivalued keys', () => {
      const onlyStackTags = allow({
        Condition: {
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['agentdrop:stack', 'agentdrop:project'] },
        },
      });
      expect(
        decide([onlyStackTags], 'bedrock-agentcore:UpdateHarness', harnessArn, {
          'aws:TagKeys': ['agentdrop:stack'],
        }),
      ).toBe('allow');
      expect(
        decide([onlyStackTags], 'bedrock-agentcore:UpdateHarness', harnessArn, {
          'aws:TagKeys': ['agentdrop:stack', 'x'],
        }),
      ).toBe('implicitDeny');
      const anyStackTag = allow({
        Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'agentdrop:stack' } },
      });
      expect(
        decide([anyStackTag], 'bedrock-agentcore:UpdateHarness', harnessArn, {
          'aws:TagKeys': ['x', 'agentdrop:stack'],
        }),
      ).toBe('allow');
      expect(decide([anyStackTag], 'bedrock-agentcore:UpdateHarness', harnessArn)).toBe('implicitDeny');
    });

    it('refuses an operator it cannot evaluate', () => {
      expect(() =>
        createIamEvaluator(templateWith([allow({ Condition: { StringSortOf: { k: 'v' } } })])),
      ).toThrow(expect.objectContaining({ name: 'UnsupportedConditionOperator' }));
    });
  });
});
