import { AgentdropError } from '../../core/errors.js';
import type { AuthorizeRequest, RequestIamQuestion } from '../http/index.js';
import { type CfnTemplate, createIamEvaluator, type RoleIdentity } from '../iam/index.js';
import { localPhysicalNames } from './local-physical-names.js';
import { LocalPrincipals } from './pipeline-functions.js';

/** The stack's IAM as the local cloud enforces it (DESIGN §8: never kinder than AWS). */
export interface LocalIam {
  /**
   * The emulators' hook: a request signed with a local principal's key (`PlanFunction`, `StateMachine`, …) must
   * have every IAM question it raises allowed by that principal's role; any other key (the emulator key tests and
   * the CLI use: the user) is not evaluated.
   */
  readonly authorize: AuthorizeRequest;
  /**
   * Evaluates one question for a role by ARN or a local principal by name (in-process checks: the runner's
   * `lambda:InvokeFunction`, what AgentCore does with an execution role); the denial message, else undefined.
   */
  check(principal: string, question: RequestIamQuestion): string | undefined;
  /**
   * What AgentCore does as an execution role (`AgentCoreEmulatorOptions.authorizeRole`): the first denial, else
   * undefined; a role the template does not define (a test's own harness) is not evaluated.
   */
  authorizeRole(roleArn: string, questions: readonly RequestIamQuestion[]): string | undefined;
}

/**
 * Builds the evaluator once for `template` as the local cloud deploys it (its region, account, stack name and
 * resource names).
 * @throws IamRoleMissing when the template has no role for a local principal (a renamed construct would
 *   otherwise turn enforcement off for it unnoticed); IamResourceMissing, UnresolvableIntrinsic.
 */
export function createLocalIam(
  template: CfnTemplate,
  target: { readonly region: string; readonly account: string; readonly stackName: string },
): LocalIam {
  const evaluator = createIamEvaluator(template, { ...target, physicalNames: localPhysicalNames(template) });
  const roles = new Map<string, RoleIdentity>();
  for (const [key, construct] of Object.entries(LocalPrincipals)) {
    roles.set(key, roleOf(evaluator.roles, construct));
  }
  const check = (principal: string, question: RequestIamQuestion): string | undefined => {
    const role = roles.get(principal)?.logicalId ?? principal;
    const outcome = evaluator.evaluate({ principal: role, ...question });
    return outcome.decision === 'allow' ? undefined : outcome.message;
  };
  return {
    authorize: ({ accessKeyId, requests }) => {
      if (accessKeyId === undefined || !roles.has(accessKeyId)) return undefined;
      for (const question of requests()) {
        const denied = check(accessKeyId, question);
        if (denied !== undefined) return { denied };
      }
      return undefined;
    },
    check,
    authorizeRole: (roleArn, questions) => {
      if (!evaluator.roles.some((role) => role.roleArn === roleArn)) return undefined;
      for (const question of questions) {
        const denied = check(roleArn, question);
        if (denied !== undefined) return denied;
      }
      return undefined;
    },
  };
}

/** The role of a construct: `AgentDrop<name>Role…` (CDK's service role), else any `AgentDrop<name>…`. */
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
