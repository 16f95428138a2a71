import { beforeAll, describe, expect, it } from 'vitest';
import { synthDefaultStack } from './synth-stack.js';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

let resources: Resources;

beforeAll(async () => {
  resources = ((await synthDefaultStack()).template.toJSON() as { Resources: Resources }).Resources;
});

function byType(
  type: string,
  pick: (properties: Record<string, unknown>) => unknown,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(resources)
      .filter(([, resource]) => resource.Type === type)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, resource]) => [id, pick(resource.Properties)]),
  );
}

describe('the stack IAM', () => {
  it('matches the reviewed snapshot of every identity, trust and resource policy', async () => {
    const snapshot = {
      identityPolicies: byType('AWS::IAM::Policy', (properties) => ({
        roles: properties.Roles,
        statements: (properties.PolicyDocument as { Statement: unknown[] }).Statement,
      })),
      roles: byType('AWS::IAM::Role', (properties) => ({
        trust: properties.AssumeRolePolicyDocument,
        managedPolicies: properties.ManagedPolicyArns ?? [],
      })),
      bucketPolicies: byType('AWS::S3::BucketPolicy', (properties) => properties.PolicyDocument),
      queuePolicies: byType('AWS::SQS::QueuePolicy', (properties) => properties.PolicyDocument),
      logResourcePolicies: byType('AWS::Logs::ResourcePolicy', (properties) => properties.PolicyDocument),
      lambdaPermissions: byType('AWS::Lambda::Permission', (properties) => properties),
    };
    await expect(`${JSON.stringify(snapshot, null, 2)}\n`).toMatchFileSnapshot(
      '__snapshots__/iam-policies.json',
    );
  });

  it('attaches no AWS managed policy to any role', () => {
    const managed = Object.values(resources).filter(
      (resource) => resource.Type === 'AWS::IAM::Role' && resource.Properties.ManagedPolicyArns,
    );
    expect(managed).toEqual([]);
  });
});
