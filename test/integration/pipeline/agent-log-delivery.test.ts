import { join } from 'node:path';
import { DeleteHarnessCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import {
  CloudWatchLogsClient,
  DescribeDeliveriesCommand,
  DescribeDeliverySourcesCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentCoreControl } from '../../../functions/lib/clients/agentcore-control.js';
import { deliverySourceName } from '../../../functions/lib/log-delivery/agent-log-delivery.js';
import { localStackTemplate } from '../../../local/iam/index.js';
import { checkInvariantsAfterEach } from '../../support/check-invariants-after-each.js';
import { dropFiles, type LocalStack, startLocalStack } from '../../support/local-stack.js';
import { withoutGrant } from '../../support/without-grant.js';

const single = join(import.meta.dirname, '../../../examples/single');
const team = join(import.meta.dirname, '../../../examples/team');
const Groups = {
  application: '/aws/vendedlogs/bedrock-agentcore/agentdrop-local/application',
  usage: '/aws/vendedlogs/bedrock-agentcore/agentdrop-local/usage',
};

/** examples/team with its MCP server on a closed loopback port (no network in tests). */
async function teamFiles(): Promise<Map<string, Uint8Array>> {
  const files = await dropFiles(team);
  const mcp = { mcpServers: { 'aws-docs': { type: 'http', url: 'http://127.0.0.1:9/mcp' } } };
  files.set('.managed-agents/researcher/mcp.json', new TextEncoder().encode(JSON.stringify(mcp)));
  return files;
}

/** The account's deliveries and sources, as `<source name> → <destination name>` and `<source>: <log type>`. */
async function deliveries(logs: CloudWatchLogsClient): Promise<{ deliveries: string[]; sources: string[] }> {
  const { deliveries: found = [] } = await logs.send(new DescribeDeliveriesCommand({}));
  const { deliverySources = [] } = await logs.send(new DescribeDeliverySourcesCommand({}));
  return {
    deliveries: found
      .map((each) => `${each.deliverySourceName} → ${each.deliveryDestinationArn?.split(':').at(-1)}`)
      .sort(),
    sources: deliverySources.map((each) => `${each.name}: ${each.resourceArns?.[0]} ${each.logType}`).sort(),
  };
}

/** The messages of one agent's streams in a delivered group. */
async function delivered(logs: CloudWatchLogsClient, group: string, resourceId: string): Promise<string[]> {
  const { events = [] } = await logs.send(
    new FilterLogEventsCommand({ logGroupName: group, logStreamNamePrefix: `${resourceId}/` }),
  );
  return events.map((event) => event.message ?? '');
}

describe('the pipeline on the local cloud delivers each agent’s logs', () => {
  let stack: LocalStack;
  let logs: CloudWatchLogsClient;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.putSecret('DOCS_TOKEN', 'canary-logs-docs-token');
    logs = new CloudWatchLogsClient(stack.cloud.clientConfig('logs'));
  });
  afterAll(async () => {
    logs.destroy();
    await stack.stop();
  });

  it('sets up a harness’s application and usage log delivery, names the groups in the receipt, and delivers the smoke test’s lines', async () => {
    const [run] = await stack.drop('single', single);
    expect(run!.status).toBe('SUCCEEDED');
    const [receipt] = await stack.store.receipts.listReceipts('single', { limit: 1 });
    expect(receipt!.logGroups).toEqual(Groups);
    expect(receipt!.logDeliveryWarning).toBeUndefined();
    const state = (await stack.store.state.getState('single'))!;
    const { id, arn } = state.resource;
    const app = deliverySourceName('agentdrop-local', id!, 'app');
    const usage = deliverySourceName('agentdrop-local', id!, 'usage');
    const trace = deliverySourceName('agentdrop-local', id!, 'trace');
    expect(await deliveries(logs)).toEqual({
      deliveries: [
        `${app} → agentdrop-local-agent-application`,
        `${usage} → agentdrop-local-agent-usage`,
        `${trace} → agentdrop-local-agent-traces`,
      ].sort(),
      sources: [
        `${app}: ${arn} APPLICATION_LOGS`,
        `${usage}: ${arn} USAGE_LOGS`,
        `${trace}: ${arn} TRACES`,
      ].sort(),
    });
    expect(receipt!.traceDelivery).toBe('XRAY');
    // The smoke test's invocation, as AgentCore's own spans in aws/spans (X-Ray with Transaction Search).
    const spans = (await logs.send(new FilterLogEventsCommand({ logGroupName: 'aws/spans' }))).events ?? [];
    const own = spans
      .map((event) => JSON.parse(event.message ?? '{}'))
      .filter((span) => span.resource?.attributes?.['cloud.resource_id'] === arn);
    expect(own.map((span) => span.name)).toContain(`invoke_agent ${state.resource.name}`);
    expect(own.map((span) => span.name)).toContain('chat');
    const applicationLines = await delivered(logs, Groups.application, id!);
    expect(applicationLines.map((line) => JSON.parse(line).message)).toContain('invocation completed');
    const usageLines = (await delivered(logs, Groups.usage, id!)).map((line) => JSON.parse(line));
    expect(usageLines[0]).toMatchObject({
      message: 'invocation usage',
      resourceArn: arn,
      qualifier: 'candidate',
    });
    expect(usageLines[0].usage.totalTokens).toBeGreaterThan(0);
  });

  it('sets up a runtime’s delivery and delivers its container’s output and a usage line per invocation', async () => {
    const [run] = await stack.drop('team', await teamFiles());
    expect(run!.status).toBe('SUCCEEDED');
    const [receipt] = await stack.store.receipts.listReceipts('team', { limit: 1 });
    expect(receipt!.logGroups).toEqual(Groups);
    const state = (await stack.store.state.getState('team'))!;
    const { id, arn } = state.resource;
    expect((await deliveries(logs)).sources).toContain(
      `${deliverySourceName('agentdrop-local', id!, 'app')}: ${arn} APPLICATION_LOGS`,
    );
    expect((await delivered(logs, Groups.application, id!)).length).toBeGreaterThan(0);
    const usage = (await delivered(logs, Groups.usage, id!)).map((line) => JSON.parse(line));
    expect(usage.map((line) => [line.resourceArn, typeof line.durationMs])).toContainEqual([arn, 'number']);
  });

  it('on a recreate (the harness deleted behind its back), removes the deleted harness’s sources', async () => {
    const before = (await stack.store.state.getState('single'))!.resource;
    await agentCoreControl(stack.pipeline.deps).send(new DeleteHarnessCommand({ harnessId: before.id! }));
    const files = await dropFiles(single);
    files.set('agentdrop.yaml', new TextEncoder().encode('force: true\n'));
    const [run] = await stack.drop('single', files);
    expect(run!.status).toBe('SUCCEEDED');
    const [receipt] = await stack.store.receipts.listReceipts('single', { limit: 1 });
    expect(receipt!.decision).toBe('recreate');
    const after = (await stack.store.state.getState('single'))!.resource;
    const { sources } = await deliveries(logs);
    expect(sources.filter((each) => each.includes(before.arn!))).toEqual([]);
    expect(sources.filter((each) => each.includes(after.arn!))).toHaveLength(3);
  });

  it('removes the deliveries and sources with the teardown', async () => {
    for (const project of ['single', 'team']) {
      const [teardown] = await stack.deleteDrop(project);
      expect(teardown!.status).toBe('SUCCEEDED');
    }
    expect(await deliveries(logs)).toEqual({ deliveries: [], sources: [] });
  });
});

describe('the pipeline when the harness function may not set up log delivery', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack({
      iam: { template: withoutGrant(localStackTemplate(), 'HarnessFunction', 'logs:PutDeliverySource') },
    });
    await stack.putSecret('DOCS_TOKEN', 'canary-nologs-docs-token');
  });
  afterAll(() => stack.stop());

  it('deploys the agent anyway, with a logs.delivery_failed warning in the receipt and no log groups', async () => {
    const [run] = await stack.drop('nologs', single);
    expect(run!.status).toBe('SUCCEEDED');
    const [receipt] = await stack.store.receipts.listReceipts('nologs', { limit: 1 });
    expect(receipt!.logGroups).toBeUndefined();
    expect(receipt!.logDeliveryWarning).toMatchObject({ code: 'logs.delivery_failed', level: 'warning' });
    expect(receipt!.logDeliveryWarning!.message).toContain('AccessDeniedException');
    expect(receipt!.diagnostics.warnings).toBeGreaterThan(0);
  });
});

describe('the pipeline when the harness function may not set up X-Ray’s resource policy', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack({
      iam: { template: withoutGrant(localStackTemplate(), 'HarnessFunction', 'xray:PutResourcePolicy') },
    });
    await stack.putSecret('DOCS_TOKEN', 'canary-noxray-docs-token');
  });
  afterAll(() => stack.stop());

  it('deploys the agent with its logs delivered and a logs.delivery_failed warning for its traces', async () => {
    const [run] = await stack.drop('noxray', single);
    expect(run!.status).toBe('SUCCEEDED');
    const [receipt] = await stack.store.receipts.listReceipts('noxray', { limit: 1 });
    // The logs are delivered all the same: only the trace delivery is given up.
    expect(receipt!.logGroups).toEqual(Groups);
    expect(receipt!.traceDelivery).toBeUndefined();
    expect(receipt!.logDeliveryWarning).toMatchObject({ code: 'logs.delivery_failed' });
    expect(receipt!.logDeliveryWarning!.message).toContain("The agent's traces are not delivered to X-Ray");
    expect(receipt!.logDeliveryWarning!.message).toContain('xray:PutResourcePolicy');
  });
});
