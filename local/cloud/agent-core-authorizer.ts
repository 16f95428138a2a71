import { AgentdropError } from '../../core/errors.js';
import type { AgentCoreAuthorize } from '../agentcore/index.js';
import { type CfnTemplate, createIamEvaluator, type RoleIdentity } from '../iam/index.js';
import { PipelineFunctionNames } from './pipeline-functions.js';

/**
 * Authorizes AgentCore requests as IAM would for the pipeline's Lambdas (DESIGN §8): the access key id a request
 * is signed with names a pipeline function (`HarnessFunction`), whose role is the template's role with a logical
 * id starting `AgentDrop<name>`; every request the operation amounts to must be allowed by that role's policies.
 * Requests signed with any other key (tests' own clients, the CLI) are not evaluated.
 * @throws IamRoleMissing when the template has no role for a pipeline function (a renamed construct would
 *   otherwise turn enforcement off for it unnoticed).
 */
export function agentCoreAuthorizer(
  template: CfnTemplate,
  target: { readonly region: string; readonly account: string },
): AgentCoreAuthorize {
  const evaluator = createIamEvaluator(template, target);
  const roles = new Map<string, RoleIdentity>();
  for (const name of PipelineFunctionNames) roles.set(name, roleOf(evaluator.roles, name));
  return ({ accessKeyId, requests }) => {
    const role = accessKeyId === undefined ? undefined : roles.get(accessKeyId);
    if (role === undefined) return undefined;
    for (const request of requests()) {
      const outcome = evaluator.evaluate({ principal: role.logicalId, ...request });
      if (outcome.decision !== 'allow') return { denied: outcome.message };
    }
    return undefined;
  };
}

/** The role of a function construct: `AgentDrop<name>Role…` (CDK's service role), else any `AgentDrop<name>…`. */
export function roleOf(roles: readonly RoleIdentity[], name: string): RoleIdentity {
  const prefix = `AgentDrop${name}`;
  const candidates = roles.filter((role) => role.logicalId.startsWith(prefix));
  const role =
    candidates.find((candidate) => candidate.logicalId.startsWith(`${prefix}Role`)) ?? candidates[0];
  if (!role)
    throw new AgentdropError('IamRoleMissing', `The template has no role for ${name} (AgentDrop${name}…).`, {
      name,
    });
  return role;
}
