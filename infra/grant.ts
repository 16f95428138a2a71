import { Stack, Validations } from 'aws-cdk-lib';
import type { IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { AgentdropError } from '../core/errors.js';

/**
 * Adds `statement` to the grantee's policy. A statement with a wildcard action or resource must say why in
 * `wildcardReason`, which becomes the cdk-nag acknowledgement of exactly those findings (AwsSolutions-IAM5), so
 * every justification sits next to its grant.
 * @throws UnjustifiedWildcard when a wildcard comes without a reason.
 */
export function grant(grantee: IGrantable, statement: PolicyStatement, wildcardReason?: string): void {
  grantee.grantPrincipal.addToPrincipalPolicy(statement);
  const json = statement.toStatementJson() as { Action?: string | string[]; Resource?: unknown };
  const scope = grantee.grantPrincipal as unknown as IConstruct;
  const actions = ([] as string[]).concat(json.Action ?? []).filter((action) => action.includes('*'));
  const resources = ([] as unknown[])
    .concat(json.Resource ?? [])
    .map((resource) => renderForNag(scope, resource))
    .filter((resource) => resource.includes('*'));
  if (actions.length === 0 && resources.length === 0) return;
  if (!wildcardReason) {
    throw new AgentdropError(
      'UnjustifiedWildcard',
      `Statement ${statement.sid ?? ''} has a wildcard but no reason.`,
      {
        sid: statement.sid ?? null,
      },
    );
  }
  acknowledgeWildcards(scope, { actions, resources }, wildcardReason);
}

/**
 * Acknowledges AwsSolutions-IAM5 for wildcard actions and resources a construct (or CDK on its behalf) grants.
 * Resources may hold tokens; they are rendered the way cdk-nag names findings (`<AWS::Region>`, `<Logical.Arn>`).
 */
export function acknowledgeWildcards(
  scope: IConstruct,
  wildcards: { readonly actions?: readonly string[]; readonly resources?: readonly string[] },
  reason: string,
): void {
  for (const action of wildcards.actions ?? []) {
    Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Action::${action}]`, reason });
  }
  for (const resource of wildcards.resources ?? []) {
    Validations.of(scope).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${renderForNag(scope, resource)}]`,
      reason,
    });
  }
}

/** Renders a (possibly tokenized) value as cdk-nag prints it in finding ids. */
export function renderForNag(scope: IConstruct, value: unknown): string {
  return render(Stack.of(scope).resolve(value));
}

function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return String(value);
  const record = value as Record<string, unknown>;
  if (typeof record.Ref === 'string') return `<${record.Ref}>`;
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `<${getAtt.join('.')}>`;
  const join = record['Fn::Join'];
  if (Array.isArray(join)) {
    const [separator, parts] = join as [string, unknown[]];
    return parts.map(render).join(separator);
  }
  return JSON.stringify(value);
}
