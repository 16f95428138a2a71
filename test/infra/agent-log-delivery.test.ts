import type { Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthDefaultStack, synthStack } from './synth-stack.js';

let template: Template;
let findings: readonly { ruleName: string; paths: readonly string[] }[];

beforeAll(async () => {
  ({ template, findings } = await synthDefaultStack());
});

type Resource = { Properties: Record<string, unknown> };

function resourcesOf(type: string, prefix: string): Resource[] {
  return Object.entries(template.findResources(type))
    .filter(([id]) => id.startsWith(prefix))
    .map(([, resource]) => resource as Resource);
}

/** Every action the inline policies of a function's role grant, with their resources. */
function grantsOf(functionPrefix: string): { actions: string[]; resources: unknown[] }[] {
  return Object.entries(template.findResources('AWS::IAM::Policy'))
    .filter(([id]) => id.startsWith(functionPrefix))
    .flatMap(([, policy]) => (policy as Resource).Properties.PolicyDocument as { Statement: object[] })
    .flatMap((document) => document.Statement)
    .map((statement) => {
      const { Action, Resource } = statement as { Action: string | string[]; Resource: unknown };
      return { actions: ([] as string[]).concat(Action), resources: ([] as unknown[]).concat(Resource) };
    });
}

describe('agent log delivery in the stack template', () => {
  it('has a log group and a delivery destination for application and usage logs, retained 30 days by default', () => {
    const groups = resourcesOf('AWS::Logs::LogGroup', 'AgentDropAgent');
    expect(groups.map((group) => group.Properties.LogGroupName).sort()).toEqual([
      '/aws/vendedlogs/bedrock-agentcore/agentdrop/application',
      '/aws/vendedlogs/bedrock-agentcore/agentdrop/usage',
    ]);
    expect(groups.map((group) => group.Properties.RetentionInDays)).toEqual([30, 30]);
    const destinations = resourcesOf('AWS::Logs::DeliveryDestination', 'AgentDrop');
    expect(destinations.map((destination) => destination.Properties.Name).sort()).toEqual([
      'agentdrop-agent-application',
      'agentdrop-agent-traces',
      'agentdrop-agent-usage',
    ]);
    const policy = resourcesOf('AWS::Logs::ResourcePolicy', 'AgentDropAgentLogDeliveryPolicy')[0];
    expect(JSON.stringify(policy?.Properties.PolicyDocument)).toContain('delivery.logs.amazonaws.com');
  });

  it('has an XRAY delivery destination for agents’ traces, with no resource, and no Transaction Search by default', () => {
    const [traces] = resourcesOf('AWS::Logs::DeliveryDestination', 'AgentDropAgentTraceDestination');
    expect(traces?.Properties).toEqual({ Name: 'agentdrop-agent-traces', DeliveryDestinationType: 'XRAY' });
    expect(template.findResources('AWS::XRay::TransactionSearchConfig')).toEqual({});
  });

  it('turns Transaction Search on with the transactionSearch prop, after the policy letting X-Ray write aws/spans', async () => {
    const custom = await synthStack({ agentDrop: { transactionSearch: true } }, { nag: true });
    const configs = Object.entries(custom.template.findResources('AWS::XRay::TransactionSearchConfig'));
    expect(configs).toHaveLength(1);
    const [, config] = configs[0]! as [string, { DependsOn?: string[] }];
    const policies = custom.template.findResources('AWS::Logs::ResourcePolicy');
    const policyId = Object.keys(policies).find((id) => id.startsWith('AgentDropTransactionSearchPolicy'));
    expect(config.DependsOn).toContain(policyId);
    const document = JSON.stringify((policies[policyId!] as Resource).Properties.PolicyDocument);
    expect(document).toContain('xray.amazonaws.com');
    expect(document).toContain('log-group:aws/spans:*');
    expect(document).toContain('log-group:/aws/application-signals/data:*');
    expect(
      custom.findings.filter((finding) => finding.paths.some((path) => /TransactionSearch/.test(path))),
    ).toEqual([]);
  });

  it('passes cdk-nag (no unacknowledged finding on the log delivery resources)', () => {
    expect(
      findings.filter((finding) =>
        finding.paths.some((path) => /AgentLog|AgentTrace|Agent(Application|Usage)/.test(path)),
      ),
    ).toEqual([]);
  });

  it('lets only the harness and runtime functions set up deliveries, and names the stack in every ARN', () => {
    for (const name of ['AgentDropHarnessFunction', 'AgentDropRuntimeFunction']) {
      const grants = grantsOf(name).filter((grant) => grant.actions.some((action) => /Deliver/.test(action)));
      expect(grants.flatMap((grant) => grant.actions).sort()).toEqual([
        'bedrock-agentcore:AllowVendedLogDeliveryForResource',
        'logs:CreateDelivery',
        'logs:DeleteDelivery',
        'logs:DeleteDeliverySource',
        'logs:DescribeDeliveries',
        'logs:PutDeliverySource',
      ]);
      const sources = grants.find((grant) => grant.actions.includes('logs:PutDeliverySource'));
      expect(JSON.stringify(sources?.resources)).toContain(':delivery-*:agentdrop-*');
      // A delivery to X-Ray asks for X-Ray's resource-policy actions ("Traces sent to X-Ray").
      expect(
        grantsOf(name)
          .flatMap((grant) => grant.actions)
          .filter((action) => /^xray:.*ResourcePolic/.test(action))
          .sort(),
      ).toEqual(['xray:ListResourcePolicies', 'xray:PutResourcePolicy']);
    }
    for (const name of ['AgentDropPlanFunction', 'AgentDropInvokeFunction', 'AgentDropFinalizeFunction']) {
      expect(
        grantsOf(name)
          .flatMap((grant) => grant.actions)
          .filter((action) => /Deliver|^xray:.*ResourcePolic/.test(action)),
      ).toEqual([]);
    }
  });

  it('with agentTraces false has no XRAY destination, no AGENT_TRACE_DESTINATION and no X-Ray policy grants', async () => {
    const custom = (await synthStack({ agentDrop: { agentTraces: false } })).template;
    const destinations = Object.values(custom.findResources('AWS::Logs::DeliveryDestination')).map(
      (destination) => (destination as Resource).Properties.Name,
    );
    expect(destinations.sort()).toEqual(['agentdrop-agent-application', 'agentdrop-agent-usage']);
    for (const [id, fn] of Object.entries(custom.findResources('AWS::Lambda::Function'))) {
      const variables = ((fn as Resource).Properties.Environment as { Variables?: Record<string, unknown> })
        ?.Variables;
      if (variables?.AGENT_TRACES === undefined) continue;
      expect(variables.AGENT_TRACES, id).toBe('false');
      expect(variables, id).not.toHaveProperty('AGENT_TRACE_DESTINATION');
    }
    const actions = Object.values(custom.findResources('AWS::IAM::Policy'))
      .flatMap(
        (policy) => ((policy as Resource).Properties.PolicyDocument as { Statement: object[] }).Statement,
      )
      .flatMap((statement) => ([] as string[]).concat((statement as { Action: string | string[] }).Action));
    // The scan sees the other delivery grants, so it would see the X-Ray ones.
    expect(actions).toContain('logs:CreateDelivery');
    expect(actions.filter((action) => /^xray:.*ResourcePolic/.test(action))).toEqual([]);
  });

  it('retains the agent log groups for the agentLogRetention prop', async () => {
    const custom = (await synthStack({ agentDrop: { agentLogRetention: RetentionDays.ONE_WEEK } })).template;
    const retentions = Object.entries(custom.findResources('AWS::Logs::LogGroup'))
      .filter(([id]) => id.startsWith('AgentDropAgent'))
      .map(([, group]) => (group as Resource).Properties.RetentionInDays);
    expect(retentions).toEqual([7, 7]);
  });
});
