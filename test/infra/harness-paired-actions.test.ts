import { isDeepStrictEqual } from 'node:util';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { harnessPairedRuntimeActions } from '../../infra/agent-core-statements.js';
import { synthDefaultStack } from './synth-stack.js';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

let template: Template;

beforeAll(async () => {
  template = (await synthDefaultStack()).template;
});

/** Every Allow statement of each role, from all the AWS::IAM::Policy resources attached to it. */
function allowStatementsByRole(): Map<string, Statement[]> {
  const byRole = new Map<string, Statement[]>();
  for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) {
    const statements = (policy.Properties.PolicyDocument.Statement as Statement[]).filter(
      (statement) => statement.Effect === 'Allow',
    );
    for (const role of policy.Properties.Roles as { Ref: string }[]) {
      byRole.set(role.Ref, [...(byRole.get(role.Ref) ?? []), ...statements]);
    }
  }
  return byRole;
}

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/**
 * The grants of `statements` that AWS refuses because a Harness action is allowed on a resource without its
 * paired runtime action on that same resource under the same (or no) condition.
 */
function unpairedHarnessGrants(statements: readonly Statement[]): string[] {
  const missing: string[] = [];
  for (const statement of statements) {
    for (const action of list(statement.Action)) {
      const pair = (harnessPairedRuntimeActions as Record<string, string | undefined>)[action];
      if (!pair) continue;
      for (const resource of list(statement.Resource)) {
        const covered = statements.some(
          (other) =>
            list(other.Action).includes(pair) &&
            list(other.Resource).some((candidate) => isDeepStrictEqual(candidate, resource)) &&
            (other.Condition === undefined || isDeepStrictEqual(other.Condition, statement.Condition)),
        );
        if (!covered) missing.push(`${action} without ${pair} on ${JSON.stringify(resource)}`);
      }
    }
  }
  return missing;
}

describe('harness actions', () => {
  it('are granted to every role only together with their paired runtime action on the same resource', () => {
    const byRole = allowStatementsByRole();
    expect([...byRole.keys()].length).toBeGreaterThan(0);
    const unpaired = Object.fromEntries(
      [...byRole].map(([role, statements]) => [role, unpairedHarnessGrants(statements)]),
    );
    expect(unpaired).toEqual(Object.fromEntries([...byRole.keys()].map((role) => [role, []])));
  });

  it('are reported when the pair is missing, on another resource, or under another condition', () => {
    const harness = 'arn:aws:bedrock-agentcore:us-west-2:1:harness/*';
    const owned = { StringEquals: { 'aws:ResourceTag/agentdrop:stack': 'agentdrop' } };
    const invoke = {
      Effect: 'Allow',
      Action: 'bedrock-agentcore:InvokeHarness',
      Resource: harness,
      Condition: owned,
    };
    expect(unpairedHarnessGrants([invoke])).toEqual([
      `bedrock-agentcore:InvokeHarness without bedrock-agentcore:InvokeAgentRuntime on "${harness}"`,
    ]);
    const onRuntime = {
      Effect: 'Allow',
      Action: 'bedrock-agentcore:InvokeAgentRuntime',
      Resource: 'arn:aws:bedrock-agentcore:us-west-2:1:runtime/*',
    };
    expect(unpairedHarnessGrants([invoke, onRuntime])).toHaveLength(1);
    const otherCondition = {
      ...onRuntime,
      Resource: harness,
      Condition: { StringEquals: { 'aws:ResourceTag/x': 'y' } },
    };
    expect(unpairedHarnessGrants([invoke, otherCondition])).toHaveLength(1);
    expect(unpairedHarnessGrants([invoke, { ...onRuntime, Resource: harness }])).toEqual([]);
  });
});
