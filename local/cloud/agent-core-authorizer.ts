import type { AgentCoreAuthorize } from '../agentcore/index.js';
import { type CfnTemplate, createIamEvaluator, type RoleIdentity } from '../iam/index.js';

/**
 * Authorizes AgentCore requests as IAM would for the pipeline's Lambdas (DESIGN §8): the access key id a request
 * is signed with names a function (`HarnessFunction`), whose role is the template's role with a logical id
 * starting `AgentDrop<key>`; every request the operation amounts to must be allowed by that role's policies.
 * Requests signed with a key that names no role of the template (tests' own clients, the CLI) are not evaluated.
 */
export function agentCoreAuthorizer(
  template: CfnTemplate,
  target: { readonly region: string; readonly account: string },
): AgentCoreAuthorize {
  const evaluator = createIamEvaluator(template, target);
  const roles = new Map<string, RoleIdentity | undefined>();
  const roleOf = (accessKeyId: string) => {
    if (!roles.has(accessKeyId)) {
      const prefix = `AgentDrop${accessKeyId}`;
      const candidates = evaluator.roles.filter((role) => role.logicalId.startsWith(prefix));
      roles.set(
        accessKeyId,
        candidates.find((role) => role.logicalId.startsWith(`${prefix}Role`)) ?? candidates[0],
      );
    }
    return roles.get(accessKeyId);
  };
  return ({ accessKeyId, requests }) => {
    const role =
      accessKeyId === undefined || !/^[A-Za-z]+$/.test(accessKeyId) ? undefined : roleOf(accessKeyId);
    if (role === undefined) return undefined;
    for (const request of requests) {
      const outcome = evaluator.evaluate({ principal: role.logicalId, ...request });
      if (outcome.decision !== 'allow') return { denied: outcome.message };
    }
    return undefined;
  };
}
