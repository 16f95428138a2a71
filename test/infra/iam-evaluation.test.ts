import { beforeAll, describe, expect, it } from 'vitest';
import { harnessPairedRuntimeActions } from '../../infra/agent-core-statements.js';
import { roleOf as functionRole } from '../../local/cloud/local-iam.js';
import { type CfnTemplate, createIamEvaluator, type IamEvaluator } from '../../local/iam/index.js';
import { synthDefaultStack } from './synth-stack.js';

const prefix = 'arn:aws:bedrock-agentcore:us-west-2:000000000000';
const harness = `${prefix}:harness/demo-h1`;
const harnessEndpoint = `${harness}/harness-endpoint/DEFAULT`;
const owned = { 'aws:ResourceTag/agentdrop:stack': 'agentdrop' };
const tagging = { 'aws:RequestTag/agentdrop:stack': 'agentdrop' };

let template: CfnTemplate;
let evaluator: IamEvaluator;

beforeAll(async () => {
  template = (await synthDefaultStack()).template.toJSON() as CfnTemplate;
  evaluator = createIamEvaluator(template);
});

function roleOf(evaluatorOf: IamEvaluator, name: string): string {
  return functionRole(evaluatorOf.roles, name).logicalId;
}

function decide(
  name: string,
  action: string,
  resource: string,
  context: Record<string, string> = {},
  using: IamEvaluator = evaluator,
): string {
  return using.evaluate({
    principal: roleOf(using, name),
    action: `bedrock-agentcore:${action}`,
    resource,
    context,
  }).decision;
}

describe('the synthesized stack, evaluated as the local cloud', () => {
  it('lets the harness function create, read, update and delete owned harnesses, each with its paired runtime action on the harness ARN', () => {
    for (const [action, pair] of Object.entries(harnessPairedRuntimeActions)) {
      if (action.endsWith('InvokeHarness')) continue;
      const create = action.endsWith('CreateHarness');
      const [resource, context] = create ? ['*', tagging] : [harness, owned];
      expect({
        action,
        decision: decide('HarnessFunction', action.split(':')[1] ?? '', resource, context),
      }).toEqual({
        action,
        decision: 'allow',
      });
      expect({
        pair,
        decision: decide('HarnessFunction', pair.split(':')[1] ?? '', resource, context),
      }).toEqual({
        pair,
        decision: 'allow',
      });
    }
  });

  it('keeps harness create, update and delete to this stack by tag', () => {
    expect(decide('HarnessFunction', 'CreateHarness', '*')).toBe('implicitDeny');
    expect(
      decide('HarnessFunction', 'CreateHarness', '*', { 'aws:RequestTag/agentdrop:stack': 'other' }),
    ).toBe('implicitDeny');
    expect(
      decide('HarnessFunction', 'UpdateHarness', harness, { 'aws:ResourceTag/agentdrop:stack': 'other' }),
    ).toBe('implicitDeny');
    expect(decide('HarnessFunction', 'DeleteAgentRuntime', harness)).toBe('implicitDeny');
  });

  it('lets the invoke function invoke an owned harness and its endpoint as harness and as runtime, and change nothing', () => {
    for (const resource of [harness, harnessEndpoint]) {
      expect(decide('InvokeFunction', 'InvokeHarness', resource, owned)).toBe('allow');
      expect(decide('InvokeFunction', 'InvokeAgentRuntime', resource, owned)).toBe('allow');
    }
    expect(decide('InvokeFunction', 'InvokeHarness', harness)).toBe('implicitDeny');
    expect(decide('InvokeFunction', 'UpdateHarness', harness, owned)).toBe('implicitDeny');
  });

  it('lets the plan function read harnesses (with the paired GetAgentRuntime) but not change them', () => {
    expect(decide('PlanFunction', 'GetHarness', harness)).toBe('allow');
    expect(decide('PlanFunction', 'GetAgentRuntime', harness)).toBe('allow');
    expect(decide('PlanFunction', 'UpdateHarness', harness, owned)).toBe('implicitDeny');
  });

  it('denies UpdateHarness once the paired UpdateAgentRuntime grant is removed from the template', () => {
    const withoutPair = structuredClone(template) as {
      Resources: Record<
        string,
        { Type: string; Properties: { PolicyDocument: { Statement: { Action: unknown }[] } } }
      >;
    };
    for (const resource of Object.values(withoutPair.Resources)) {
      if (resource.Type !== 'AWS::IAM::Policy') continue;
      for (const statement of resource.Properties.PolicyDocument.Statement) {
        statement.Action = ([] as string[])
          .concat(statement.Action as string[])
          .filter((action) => action !== 'bedrock-agentcore:UpdateAgentRuntime');
      }
    }
    const stripped = createIamEvaluator(withoutPair as CfnTemplate);
    expect(decide('HarnessFunction', 'UpdateHarness', harness, owned, stripped)).toBe('allow');
    expect(
      stripped.evaluate({
        principal: roleOf(stripped, 'HarnessFunction'),
        action: 'bedrock-agentcore:UpdateAgentRuntime',
        resource: harness,
        context: owned,
      }),
    ).toEqual({
      decision: 'implicitDeny',
      message: expect.stringContaining(
        `is not authorized to perform: bedrock-agentcore:UpdateAgentRuntime on resource: ${harness} because no identity-based policy allows`,
      ),
    });
  });

  it('scopes object access to the prefixes each function owns, resolved to the local bucket names', () => {
    const local = createIamEvaluator(template, {
      physicalNames: Object.fromEntries(
        Object.keys(template.Resources)
          .filter(
            (id) =>
              id.startsWith('AgentDropArtifactsBucket') && template.Resources[id]?.Type === 'AWS::S3::Bucket',
          )
          .map((id) => [id, 'agentdrop-artifacts']),
      ),
    });
    const put = (name: string, key: string) =>
      local.evaluate({
        principal: roleOf(local, name),
        action: 's3:PutObject',
        resource: `arn:aws:s3:::agentdrop-artifacts/${key}`,
      }).decision;
    expect(put('PlanFunction', 'plans/demo.json')).toBe('allow');
    expect(put('PlanFunction', 'receipts/demo.json')).toBe('implicitDeny');
    expect(put('InvokeFunction', 'plans/demo.json')).toBe('implicitDeny');
  });
});
