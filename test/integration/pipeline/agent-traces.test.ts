import { join } from 'node:path';
import {
  BedrockAgentCoreControlClient,
  GetAgentRuntimeCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import {
  CloudWatchLogsClient,
  FilterLogEventsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalResourceNames } from '../../../local/cloud/index.js';
import { localStackTemplate } from '../../../local/iam/index.js';
import { askLive } from '../../support/ask-live.js';
import { checkInvariantsAfterEach } from '../../support/check-invariants-after-each.js';
import { dropFiles, type LocalStack, startLocalStack } from '../../support/local-stack.js';
import { postSigned } from '../../support/sign-xray-request.js';
import { withoutGrant } from '../../support/without-grant.js';

const team = join(import.meta.dirname, '../../../examples/team');

/** examples/team with its MCP server on a closed loopback port (no network in tests). */
async function teamFiles(): Promise<Map<string, Uint8Array>> {
  const files = await dropFiles(team);
  const mcp = { mcpServers: { 'aws-docs': { type: 'http', url: 'http://127.0.0.1:9/mcp' } } };
  files.set('.managed-agents/researcher/mcp.json', new TextEncoder().encode(JSON.stringify(mcp)));
  return files;
}

interface Landed {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
}

/** The spans in `aws/spans` (none while the group does not exist), as records. */
async function spans(stack: LocalStack): Promise<Landed[]> {
  const logs = new CloudWatchLogsClient(stack.cloud.clientConfig('logs'));
  try {
    const { events = [] } = await logs.send(new FilterLogEventsCommand({ logGroupName: 'aws/spans' }));
    return events.map((event) => JSON.parse(event.message ?? '{}') as Landed);
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return [];
    throw error;
  } finally {
    logs.destroy();
  }
}

/** An empty export signed as the runtime execution role, as its agent signs: the status and error type. */
async function exportAsRuntimeRole(stack: LocalStack): Promise<[number, string | null]> {
  const response = await postSigned(
    stack.cloud.endpoints.otlp,
    new TextEncoder().encode('{"resourceSpans": []}'),
    { 'content-type': 'application/json' },
    { accessKeyId: LocalResourceNames.runtimeExecutionRole, region: stack.cloud.region },
  );
  return [response.status, response.headers.get('x-amzn-errortype')];
}

describe('a runtime agent’s spans reach the local X-Ray endpoint signed as its execution role', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack();
  });
  afterAll(() => stack.stop());

  it('sets AGENT_OBSERVABILITY_ENABLED on the runtime, and the smoke test’s trace lands in aws/spans', async () => {
    const [run] = await stack.drop('traced', await teamFiles());
    expect(run!.status).toBe('SUCCEEDED');
    const state = (await stack.store.state.getState('traced'))!;
    const control = new BedrockAgentCoreControlClient(stack.cloud.clientConfig('agentcore-control'));
    const runtime = await control.send(new GetAgentRuntimeCommand({ agentRuntimeId: state.resource.id! }));
    expect(runtime.environmentVariables?.AGENT_OBSERVABILITY_ENABLED).toBe('true');
    const [receipt] = await stack.store.receipts.listReceipts('traced', { limit: 1 });
    expect(receipt!.smokeTraceId).toMatch(/^[0-9a-f]{32}$/);
    const trace = (await spans(stack)).filter((span) => span.traceId === receipt!.smokeTraceId);
    expect(trace.map((span) => span.name)).toEqual(
      expect.arrayContaining(['InvokeAgentRuntime', 'agentdrop.invocation', 'invoke_agent editor']),
    );
    // One trace: AgentCore's own span of the smoke call (delivered to X-Ray) is the root the agent's spans nest under.
    const server = trace.find((span) => span.name === 'InvokeAgentRuntime')!;
    expect(server.parentSpanId).toBeUndefined();
    expect(trace.find((span) => span.name === 'agentdrop.invocation')!.parentSpanId).toBe(server.spanId);
    expect(await exportAsRuntimeRole(stack)).toEqual([200, null]);
  });
});

describe('a runtime execution role without xray:PutTraceSegments', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack({
      iam: { template: withoutGrant(localStackTemplate(), 'RuntimeExecution', 'xray:PutTraceSegments') },
    });
  });
  afterAll(() => stack.stop());

  it('deploys and answers, while the X-Ray endpoint refuses every agent span: aws/spans holds only AgentCore’s', async () => {
    const [run] = await stack.drop('untraced', await teamFiles());
    expect(run!.status).toBe('SUCCEEDED');
    const [receipt] = await stack.store.receipts.listReceipts('untraced', { limit: 1 });
    // The agent recorded the trace; its export was refused.
    expect(receipt!.smokeTraceId).toMatch(/^[0-9a-f]{32}$/);
    expect(await askLive(stack, 'untraced', 'traces-session', 'Say hello.')).toContain('Say hello.');
    // AgentCore's own spans arrive through the TRACES delivery, not as the execution role; none of the agent's do.
    const landed = await spans(stack);
    expect(landed.length).toBeGreaterThan(0);
    expect(new Set(landed.map((span) => span.name))).toEqual(new Set(['InvokeAgentRuntime']));
    // The local IAM is what refused it.
    expect(await exportAsRuntimeRole(stack)).toEqual([403, 'AccessDeniedException']);
  });
});

describe('a stack with agentTraces false', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack({}, { agentTraces: false });
  });
  afterAll(() => stack.stop());

  it('neither turns the agent’s export on nor delivers AgentCore’s spans: aws/spans stays empty', async () => {
    const [run] = await stack.drop('quiet', await teamFiles());
    expect(run!.status).toBe('SUCCEEDED');
    const state = (await stack.store.state.getState('quiet'))!;
    const control = new BedrockAgentCoreControlClient(stack.cloud.clientConfig('agentcore-control'));
    const runtime = await control.send(new GetAgentRuntimeCommand({ agentRuntimeId: state.resource.id! }));
    expect(runtime.environmentVariables).not.toHaveProperty('AGENT_OBSERVABILITY_ENABLED');
    expect(stack.cloud.logs.delivers(state.resource.arn!, 'TRACES')).toBe(false);
    // The logs are still delivered: only the traces are off.
    expect(stack.cloud.logs.delivers(state.resource.arn!, 'APPLICATION_LOGS')).toBe(true);
    expect(await askLive(stack, 'quiet', 'traces-session', 'Say hello.')).toContain('Say hello.');
    expect(await spans(stack)).toEqual([]);
  });
});
