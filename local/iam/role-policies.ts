import {
  type CfnTemplate,
  type DeployTarget,
  resolveDeployTarget,
  resolveIntrinsic,
} from './resolve-intrinsic.js';

/** One IAM policy statement with the template's intrinsics resolved. */
export interface PolicyStatementJson {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** An IAM policy document with the template's intrinsics resolved. */
export interface PolicyDocumentJson {
  readonly Version?: string;
  readonly Statement: readonly PolicyStatementJson[];
}

/** A role of the template and the identity policies it holds. */
export interface RoleIdentity {
  readonly logicalId: string;
  readonly roleName: string;
  readonly roleArn: string;
  /** Inline policies (`Policies`) and every AWS::IAM::Policy / AWS::IAM::ManagedPolicy attached via `Roles`. */
  readonly policies: readonly PolicyDocumentJson[];
}

/**
 * The identity policies of every role in `template`, resolved for `target`. AWS managed policies
 * (`ManagedPolicyArns`) are not read: their text is not in the template, so a role holding one is evaluated as
 * if it had none (stricter than AWS, never kinder; the stack attaches none, test/infra/iam-policies.test.ts).
 * @throws UnresolvableIntrinsic when a policy uses an intrinsic the evaluator cannot resolve exactly.
 */
export function rolePoliciesFromTemplate(template: CfnTemplate, target: DeployTarget = {}): RoleIdentity[] {
  const resolved = resolveDeployTarget(target);
  const resolve = <T>(value: unknown) => resolveIntrinsic(value, template, resolved) as T;
  const attached = new Map<string, PolicyDocumentJson[]>();
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::IAM::Policy' && resource.Type !== 'AWS::IAM::ManagedPolicy') continue;
    const roles = (resource.Properties?.Roles ?? []) as unknown[];
    for (const role of roles) {
      const logicalId = (role as { Ref?: unknown }).Ref;
      if (typeof logicalId !== 'string') continue;
      const document = resolve<PolicyDocumentJson>(resource.Properties?.PolicyDocument);
      attached.set(logicalId, [...(attached.get(logicalId) ?? []), document]);
    }
  }
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::IAM::Role')
    .map(([logicalId, resource]) => {
      const inline = ((resource.Properties?.Policies ?? []) as { PolicyDocument: unknown }[]).map((policy) =>
        resolve<PolicyDocumentJson>(policy.PolicyDocument),
      );
      return {
        logicalId,
        roleName: resolve<string>({ Ref: logicalId }),
        roleArn: resolve<string>({ 'Fn::GetAtt': [logicalId, 'Arn'] }),
        policies: [...inline, ...(attached.get(logicalId) ?? [])],
      };
    });
}
