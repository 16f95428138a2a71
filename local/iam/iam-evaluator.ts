import Pbac, { type PbacCondition } from 'pbac';
import { AgentdropError } from '../../core/errors.js';
import type { CfnTemplate, DeployTarget } from './resolve-intrinsic.js';
import {
  type PolicyDocumentJson,
  type PolicyStatementJson,
  type RoleIdentity,
  rolePoliciesFromTemplate,
} from './role-policies.js';

/** A request context value: one string, or several for multivalued keys (`aws:TagKeys`). */
export type ContextValue = string | readonly string[];

/** One authorization question: may `principal` perform `action` on `resource`? */
export interface IamRequest {
  /** The role: its name, logical id or ARN. */
  readonly principal: string;
  /** `service:Action`, e.g. `bedrock-agentcore:UpdateHarness`. */
  readonly action: string;
  /** The resource ARN, or `*` for actions without a resource type. */
  readonly resource: string;
  /** Condition keys (`aws:ResourceTag/agentdrop:stack`, `aws:RequestTag/…`, `iam:PassedToService`, …). */
  readonly context?: Readonly<Record<string, ContextValue | undefined>>;
}

/** The outcome: explicit deny beats allow, and without an allow the request is implicitly denied. */
export type IamDecision =
  | { readonly decision: 'allow' }
  | { readonly decision: 'explicitDeny' | 'implicitDeny'; readonly message: string };

/** Answers {@link IamRequest}s from the identity policies of a template's roles. */
export interface IamEvaluator {
  /** The roles the template defines. */
  readonly roles: readonly RoleIdentity[];
  /** @throws UnknownPrincipal when no role of the template has that name, logical id or ARN. */
  evaluate(request: IamRequest): IamDecision;
}

/**
 * An evaluator over the identity policies of `template`'s roles (DESIGN §8: IAM evaluated from the synthesized
 * template), resolved for `target` (the local cloud: us-west-2, 000000000000). Statement matching is pbac's
 * (Action/NotAction, Resource/NotResource with IAM wildcards); condition blocks are rewritten so each key is
 * evaluated with IAM's semantics (every key of a block must match, absent keys, negated operators over value
 * lists, ForAnyValue/ForAllValues, IfExists), using pbac's operators for each comparison.
 * @throws UnsupportedConditionOperator when a policy uses an operator pbac lacks (refused rather than guessed).
 */
export function createIamEvaluator(template: CfnTemplate, target: DeployTarget = {}): IamEvaluator {
  const roles = rolePoliciesFromTemplate(template, target);
  const engines = new Map<RoleIdentity, Pbac>();
  for (const role of roles) engines.set(role, engineFor(role.policies));
  return {
    roles,
    evaluate(request) {
      const role = roles.find((candidate) =>
        [candidate.roleName, candidate.logicalId, candidate.roleArn].includes(request.principal),
      );
      const engine = role && engines.get(role);
      if (!role || !engine) {
        throw new AgentdropError('UnknownPrincipal', `No role ${request.principal} in the template.`, {
          principal: request.principal,
        });
      }
      const query = {
        action: request.action.toLowerCase(),
        resource: request.resource,
        context: contextOf(request.context ?? {}),
      };
      if (engine.filterPoliciesBy({ ...query, effect: 'Deny' })) {
        return { decision: 'explicitDeny', message: deniedMessage(role, request, 'explicit') };
      }
      if (engine.filterPoliciesBy({ ...query, effect: 'Allow' })) return { decision: 'allow' };
      return { decision: 'implicitDeny', message: deniedMessage(role, request, 'implicit') };
    },
  };
}

/**
 * The message AWS sends with the AccessDeniedException (agentcore-api §12, "Denial shape"); the session name is
 * the local cloud's.
 */
function deniedMessage(role: RoleIdentity, request: IamRequest, kind: 'explicit' | 'implicit'): string {
  const account = role.roleArn.split(':')[4];
  const caller = `arn:aws:sts::${account}:assumed-role/${role.roleName}/agentdrop-local`;
  const why =
    kind === 'explicit'
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${request.action} action`;
  return `User: ${caller} is not authorized to perform: ${request.action} on resource: ${request.resource} ${why}`;
}

/** Negated operators and the positive operator they negate (IAM condition operator reference). */
const Negated: Readonly<Record<string, string>> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
  NotIpAddress: 'IpAddress',
  BinaryNotEquals: 'BinaryEquals',
};

interface ParsedOperator {
  readonly set: 'ForAnyValue' | 'ForAllValues' | undefined;
  readonly base: string;
  readonly ifExists: boolean;
  readonly negated: boolean;
}

function parseOperator(operator: string, known: Readonly<Record<string, PbacCondition>>): ParsedOperator {
  const [prefix, rest] = operator.includes(':') ? operator.split(':', 2) : [undefined, operator];
  const set = prefix === 'ForAnyValue' || prefix === 'ForAllValues' ? prefix : undefined;
  const name = String(rest);
  const ifExists = name.endsWith('IfExists');
  const bare = ifExists ? name.slice(0, -'IfExists'.length) : name;
  const base = Negated[bare] ?? bare;
  if ((prefix !== undefined && set === undefined) || !(base in known)) {
    throw new AgentdropError('UnsupportedConditionOperator', `IAM evaluation does not support ${operator}.`, {
      operator,
    });
  }
  return { set, base, ifExists, negated: bare in Negated };
}

/**
 * A pbac engine for `policies`. Each condition key becomes its own aliased operator (`StringEquals#3`) holding
 * the block's whole value list, so pbac checks every key of a block (it reads only the first) and the alias
 * applies IAM's rules for lists, absent keys and negation.
 */
function engineFor(policies: readonly PolicyDocumentJson[]): Pbac {
  const builtins = new Pbac([], { validateSchema: false }).conditions;
  const aliases: Record<string, PbacCondition> = {};
  let next = 0;
  const rewrite = (statement: PolicyStatementJson) => {
    const condition: Record<string, Record<string, unknown>> = {};
    for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
      const parsed = parseOperator(operator, builtins);
      for (const [key, values] of Object.entries(block)) {
        const alias = `${parsed.set ? `${parsed.set}:` : ''}Alias${next++}`;
        const compare = builtins[parsed.base] as PbacCondition;
        aliases[alias] = function (this: Pbac, requestValue: unknown, policyValues: unknown) {
          return conditionHolds(
            parsed,
            (a, b) => Boolean(compare.call(this, a, b)),
            requestValue,
            policyValues,
          );
        };
        const list = ([] as unknown[]).concat(values);
        // pbac passes set-operator values as they are and iterates the others: wrap those once.
        condition[alias] = { [key]: parsed.set ? list : [list] };
      }
    }
    return {
      ...statement,
      ...(statement.Action !== undefined ? { Action: lowerCased(statement.Action) } : {}),
      ...(statement.NotAction !== undefined ? { NotAction: lowerCased(statement.NotAction) } : {}),
      ...(statement.Resource !== undefined ? { Resource: ([] as string[]).concat(statement.Resource) } : {}),
      ...(statement.NotResource !== undefined
        ? { NotResource: ([] as string[]).concat(statement.NotResource) }
        : {}),
      ...(statement.Condition !== undefined ? { Condition: condition } : {}),
    };
  };
  const documents = policies.map((policy) => ({
    Version: policy.Version ?? '2012-10-17',
    Statement: ([] as PolicyStatementJson[]).concat(policy.Statement).map(rewrite),
  }));
  const engine = new Pbac(documents, { conditions: aliases });
  // pbac splits keys on ':' (`aws:ResourceTag/agentdrop:stack` has two) and answers the key's own name when it
  // is absent; IAM keys are case-insensitive names looked up whole, absent meaning absent.
  engine.getContextValue = (key, context) => (context as Map<string, ContextValue>).get(key.toLowerCase());
  return engine;
}

/** IAM's evaluation of one condition key (IAM user guide, "Condition operators", "Multivalued context keys"). */
function conditionHolds(
  operator: ParsedOperator,
  compare: (requestValue: unknown, policyValue: unknown) => boolean,
  requestValue: unknown,
  policyValues: unknown,
): boolean {
  const values = ([] as unknown[]).concat(policyValues).map((value) => coerce(operator.base, value));
  const requestValues =
    requestValue === undefined
      ? []
      : ([] as unknown[]).concat(requestValue).map((value) => coerce(operator.base, value));
  if (operator.base === 'Null') {
    return values.some((value) => value === (requestValue === undefined));
  }
  const matchesAny = (value: unknown) => values.some((policyValue) => compare(value, policyValue));
  const holds = (value: unknown) => (operator.negated ? !matchesAny(value) : matchesAny(value));
  if (operator.set === 'ForAllValues') return requestValues.every(holds);
  if (operator.set === 'ForAnyValue') return requestValues.some(holds);
  if (requestValue === undefined) return operator.ifExists || operator.negated;
  return operator.negated ? requestValues.every(holds) : requestValues.some(holds);
}

/** Policy JSON carries numbers and booleans as strings; pbac compares typed values. */
function coerce(operator: string, value: unknown): unknown {
  if (operator.startsWith('Numeric') && typeof value === 'string' && value.trim() !== '')
    return Number(value);
  if (operator === 'Null' && typeof value === 'string') return value === 'true';
  return value;
}

function lowerCased(actions: string | readonly string[]): string[] {
  return ([] as string[]).concat(actions).map((action) => action.toLowerCase());
}

function contextOf(context: Readonly<Record<string, ContextValue | undefined>>): Map<string, ContextValue> {
  const entries = Object.entries(context).filter(
    (entry): entry is [string, ContextValue] => entry[1] !== undefined,
  );
  return new Map(entries.map(([key, value]) => [key.toLowerCase(), value]));
}
