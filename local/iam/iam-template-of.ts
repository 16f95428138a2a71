import type { CfnResource, CfnTemplate } from './resolve-intrinsic.js';
import { NameProperty } from './resolve-intrinsic.js';

const policyTypes = new Set(['AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']);
const rolePolicyProperties = ['RoleName', 'Policies', 'ManagedPolicyArns'];

/**
 * The part of a synthesized template IAM evaluation reads: roles and policies with their documents, and of every
 * other resource only its type and name property (what a policy's `Ref`/`Fn::GetAtt … Arn` resolves to). Asset
 * hashes, function code and the state machine definition are left out, so the committed snapshot changes only
 * when a grant (or a name a grant uses) does. Keys are sorted so the same stack gives the same bytes.
 */
export function iamTemplateOf(template: CfnTemplate): CfnTemplate {
  const resources: Record<string, CfnResource> = {};
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const kept = policyTypes.has(resource.Type)
      ? resource.Type === 'AWS::IAM::Role'
        ? rolePolicyProperties
        : ['Roles', 'PolicyDocument']
      : [NameProperty[resource.Type]];
    const properties = Object.fromEntries(
      Object.entries(resource.Properties ?? {}).filter(([name]) => kept.includes(name)),
    );
    resources[logicalId] = {
      Type: resource.Type,
      ...(Object.keys(properties).length > 0 ? { Properties: properties } : {}),
    };
  }
  return sortedKeys({ Resources: resources }) as CfnTemplate;
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}
