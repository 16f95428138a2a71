import { join } from 'node:path';
import { BedrockAgentCoreClient, ListMemoryRecordsCommand } from '@aws-sdk/client-bedrock-agentcore';
import {
  BedrockAgentCoreControlClient,
  GetAgentRuntimeCommand,
  GetMemoryCommand,
  ListMemoriesCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localStackTemplate } from '../../../local/iam/index.js';
import { askLive } from '../../support/ask-live.js';
import { checkInvariantsAfterEach } from '../../support/check-invariants-after-each.js';
import { dropFiles, type LocalStack, startLocalStack } from '../../support/local-stack.js';
import { withoutGrant } from '../../support/without-grant.js';

const team = join(import.meta.dirname, '../../../examples/team');
const Fact = 'My favourite colour is teal.';
const Question = 'What is my favourite colour?';

/** examples/team with its MCP server on a closed loopback port (no network in tests), memory as given. */
async function teamWithMemory(memory: string, extra = ''): Promise<Map<string, Uint8Array>> {
  const files = await dropFiles(team);
  const mcp = { mcpServers: { 'aws-docs': { type: 'http', url: 'http://127.0.0.1:9/mcp' } } };
  files.set('.managed-agents/researcher/mcp.json', new TextEncoder().encode(JSON.stringify(mcp)));
  files.set(
    'agentdrop.yaml',
    new TextEncoder().encode(`defaultModel: claude-haiku-4-5\nmemory: ${memory}\n${extra}`),
  );
  return files;
}

async function projectMemories(stack: LocalStack): Promise<{ id: string; status: string }[]> {
  const control = new BedrockAgentCoreControlClient(stack.cloud.clientConfig('agentcore-control'));
  const { memories } = await control.send(new ListMemoriesCommand({}));
  return (memories ?? []).map((m) => ({ id: m.id!, status: m.status! }));
}

describe('the pipeline on the local cloud, a runtime team with memory', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack();
  });
  afterAll(() => stack.stop());

  it('creates the project memory, passes its id and recalls in a new session what another session was told', async () => {
    const [run] = await stack.drop('recall', await teamWithMemory('{enabled: true, strategies: [semantic]}'));
    expect(run!.status).toBe('SUCCEEDED');
    const [receipt] = await stack.store.receipts.listReceipts('recall', { limit: 1 });
    expect(receipt!.memoryId).toMatch(/^agentdrop_recall-[a-zA-Z0-9]{10}$/);
    expect(await projectMemories(stack)).toEqual([{ id: receipt!.memoryId, status: 'ACTIVE' }]);
    const state = (await stack.store.state.getState('recall'))!;
    const control = new BedrockAgentCoreControlClient(stack.cloud.clientConfig('agentcore-control'));
    const runtime = await control.send(new GetAgentRuntimeCommand({ agentRuntimeId: state.resource.id! }));
    expect(runtime.environmentVariables?.AGENTDROP_MEMORY_ID).toBe(receipt!.memoryId);

    expect(await askLive(stack, 'recall', 'memory-first', Fact)).toContain(Fact);
    expect(await askLive(stack, 'recall', 'memory-first', 'Thanks, that is all.')).not.toContain('teal');
    // A new session has no conversation: what it knows comes from the memory's records.
    const recalled = await askLive(stack, 'recall', 'memory-second', Question);
    expect(recalled).toContain('<memory>');
    expect(recalled).toContain(Fact);

    const data = new BedrockAgentCoreClient(stack.cloud.clientConfig('agentcore'));
    const records = await data.send(
      new ListMemoryRecordsCommand({ memoryId: receipt!.memoryId, namespace: '/facts/user' }),
    );
    expect(records.memoryRecordSummaries!.map((r) => r.content?.text)).toContain(Fact);
  });

  it('updates the same memory when the strategies change', async () => {
    const [before] = await projectMemories(stack);
    const [run] = await stack.drop('recall', await teamWithMemory('{enabled: true, strategies: [summary]}'));
    expect(run!.status).toBe('SUCCEEDED');
    const control = new BedrockAgentCoreControlClient(stack.cloud.clientConfig('agentcore-control'));
    const { memory } = await control.send(new GetMemoryCommand({ memoryId: before!.id }));
    expect([memory!.status, memory!.strategies!.map((s) => [s.type, s.namespaces])]).toEqual([
      'ACTIVE',
      [['SUMMARIZATION', ['/summaries/{actorId}/{sessionId}']]],
    ]);
    const updates = stack.cloud.agentcore.calls().filter((call) => call.operation === 'UpdateMemory');
    expect(updates.map((call) => call.status)).toEqual([202]);
  });

  it('keeps the memory when the version that turns it off fails its smoke test: live still uses it', async () => {
    const before = await projectMemories(stack);
    const [run] = await stack.drop(
      'recall',
      await teamWithMemory('{enabled: false}', 'smoke: {expect: "^never matches"}\n'),
    );
    expect(run!.status).toBe('FAILED');
    expect(await projectMemories(stack)).toEqual(before);
    expect(before.map((m) => m.status)).toEqual(['ACTIVE']);
    // `live` stayed on the version that uses the memory, which still exists.
    const state = (await stack.store.state.getState('recall'))!;
    const control = new BedrockAgentCoreControlClient(stack.cloud.clientConfig('agentcore-control'));
    const live = await control.send(
      new GetAgentRuntimeCommand({
        agentRuntimeId: state.resource.id!,
        agentRuntimeVersion: state.live!.version,
      }),
    );
    expect(live.environmentVariables?.AGENTDROP_MEMORY_ID).toBe(before[0]!.id);
  });

  it('deletes the memory when a deploy turns memory off, and the agent then recalls nothing', async () => {
    const [run] = await stack.drop('recall', await teamWithMemory('{enabled: false}'));
    expect(run!.status).toBe('SUCCEEDED');
    const [receipt] = await stack.store.receipts.listReceipts('recall', { limit: 1 });
    expect(receipt!.memoryId).toBeUndefined();
    expect(await projectMemories(stack)).toEqual([]);
    const reply = await askLive(stack, 'recall', 'memory-third', Question);
    expect(reply).toBe(`Hello! You said: ${Question}`);
  });

  it('deletes the memory with the teardown', async () => {
    const [on] = await stack.drop('recall', await teamWithMemory('{enabled: true}'));
    expect(on!.status).toBe('SUCCEEDED');
    expect((await projectMemories(stack)).map((m) => m.status)).toEqual(['ACTIVE']);
    const [teardown] = await stack.deleteDrop('recall');
    expect(teardown!.status).toBe('SUCCEEDED');
    expect(await projectMemories(stack)).toEqual([]);
  });
});

describe('the pipeline when the memory takes longer than the runtime to become ACTIVE', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack({ delays: { memoryCreateMs: 400 } });
  });
  afterAll(() => stack.stop());

  it('keeps polling a READY runtime until its memory is ACTIVE, then smoke-tests it', async () => {
    const [run] = await stack.drop(
      'slowmem',
      await teamWithMemory('{enabled: true, strategies: [semantic]}'),
    );
    expect(run!.status).toBe('SUCCEEDED');
    const reads = stack.cloud.agentcore.calls().filter((call) => call.operation === 'GetMemory');
    expect(reads.length).toBeGreaterThan(1);
    expect(await projectMemories(stack)).toEqual([{ id: expect.any(String), status: 'ACTIVE' }]);
    // The smoke test ran against the ACTIVE memory: its CreateEvent was never refused.
    const events = stack.cloud.agentcore.calls().filter((call) => call.operation === 'CreateEvent');
    expect(events.map((call) => call.status)).toEqual([201]);
  });
});

describe('the pipeline when the runtime execution role may not write memory events', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack({
      iam: {
        template: withoutGrant(localStackTemplate(), 'RuntimeExecution', 'bedrock-agentcore:CreateEvent'),
      },
    });
  });
  afterAll(() => stack.stop());

  it('deploys, and the agent’s CreateEvent is denied so a new session recalls nothing', async () => {
    const [run] = await stack.drop('denied', await teamWithMemory('{enabled: true, strategies: [semantic]}'));
    expect(run!.status).toBe('SUCCEEDED');
    await askLive(stack, 'denied', 'memory-first', Fact);
    expect(await askLive(stack, 'denied', 'memory-second', Question)).toBe(`Hello! You said: ${Question}`);
    const denied = stack.cloud.agentcore.calls().filter((call) => call.errorType === 'AccessDeniedException');
    expect(new Set(denied.map((call) => [call.operation, call.status].join(' ')))).toEqual(
      new Set(['CreateEvent 403']),
    );
  });
});

describe('the pipeline when AgentCore fails to create the memory', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack();
  });
  afterAll(() => stack.stop());

  it('ends Deploy Failed naming the FAILED memory and its failure reason', async () => {
    stack.cloud.faults('agentcore').set('CreateMemory', {
      kind: 'create_failed',
      reason: 'Injected: the memory could not be provisioned.',
    });
    const [run] = await stack.drop(
      'failmem',
      await teamWithMemory('{enabled: true, strategies: [semantic]}'),
    );
    expect(run!.status).toBe('FAILED');
    const [memory] = await projectMemories(stack);
    expect(memory!.status).toBe('FAILED');
    const failed = run!.events.find((event) => event.detailType === 'Deploy Failed')!;
    const data = (failed.detail as { data: { errorCode: string; message: string } }).data;
    expect(data.errorCode).toBe('ResourceFailed');
    expect(data.message).toContain(memory!.id);
    expect(data.message).toContain('Injected: the memory could not be provisioned.');
    const [receipt] = await stack.store.receipts.listReceipts('failmem', { limit: 1 });
    expect([receipt!.outcome, receipt!.error?.code]).toEqual(['failed', 'ResourceFailed']);
    expect(await stack.store.locks.getLock('failmem')).toBeNull();
  });

  it('replaces the FAILED memory on the next drop, which succeeds with a new ACTIVE memory', async () => {
    const [failedMemory] = await projectMemories(stack);
    expect(failedMemory!.status).toBe('FAILED');
    const [run] = await stack.drop(
      'failmem',
      await teamWithMemory('{enabled: true, strategies: [semantic]}', 'force: true\n'),
    );
    expect(run!.status).toBe('SUCCEEDED');
    const memories = await projectMemories(stack);
    expect(memories).toHaveLength(1);
    expect(memories[0]!.id).not.toBe(failedMemory!.id);
    expect(memories[0]!.status).toBe('ACTIVE');
  });
});
