import { describe, expect, it } from 'vitest';
import { renderTraceTree, spanOf, summarizeTraces, traceTree } from '../../../../cli/traces/index.js';
import { HarnessTrace } from '../../../../local/agentcore/harness-trace.js';

const harnessArn = 'arn:aws:bedrock-agentcore:us-west-2:000000000000:harness/agentdrop_single-AbCdEf1234';
const canary = 'canary-content-7f3a21';

function newTrace(): HarnessTrace {
  return new HarnessTrace({
    harnessArn,
    harnessId: 'agentdrop_single-AbCdEf1234',
    harnessName: 'agentdrop_single',
    qualifier: 'live',
    version: '3',
    runtimeSessionId: 's'.repeat(33),
    modelId: 'claude-haiku-4-5',
    region: 'us-west-2',
    accountId: '000000000000',
  });
}

/** A model call asking for a tool, the tool call, and the final answer; every event carries the canary. */
function runLoop(trace: HarnessTrace, toolFails: boolean): void {
  const message = { role: 'assistant', content: [{ type: 'textBlock', text: canary }] };
  trace.observe({ type: 'beforeModelCallEvent' });
  trace.observe({
    type: 'modelStreamUpdateEvent',
    event: { type: 'modelMetadataEvent', usage: { inputTokens: 11, outputTokens: 4, totalTokens: 15 } },
  });
  trace.observe({ type: 'modelMessageEvent', message } as never);
  trace.observe({ type: 'afterModelCallEvent', stopData: { stopReason: 'toolUse', message } } as never);
  const toolUse = { name: 'search_docs', toolUseId: 'tooluse_1', input: { query: canary } };
  trace.observe({ type: 'beforeToolCallEvent', toolUse } as never);
  const result = { status: toolFails ? 'error' : 'success', content: [{ text: canary }] };
  trace.observe({ type: 'afterToolCallEvent', toolUse, result } as never);
  trace.observe({ type: 'beforeModelCallEvent' });
  trace.observe({
    type: 'modelStreamUpdateEvent',
    event: { type: 'modelMetadataEvent', usage: { inputTokens: 20, outputTokens: 6, totalTokens: 26 } },
  });
  trace.observe({ type: 'afterModelCallEvent', stopData: { stopReason: 'endTurn', message } } as never);
}

describe('HarnessTrace (AgentCore’s own spans of an InvokeHarness)', () => {
  it('makes a SERVER invocation span over chat and execute_tool spans that agentdrop traces reads as a tree', () => {
    const trace = newTrace();
    runLoop(trace, false);
    const records = trace.finish({ inputTokens: 31, outputTokens: 10, totalTokens: 41 }, false);
    const spans = records.map((record) => spanOf(JSON.stringify(record))!);
    expect(new Set(spans.map((span) => span.traceId)).size).toBe(1);
    const [root] = traceTree(spans);
    expect(root!.span.name).toBe('invoke_agent agentdrop_single');
    expect(records.at(-1)).toMatchObject({
      kind: 'SERVER',
      resource: { attributes: { 'cloud.resource_id': harnessArn } },
      attributes: {
        'gen_ai.operation.name': 'invoke_agent',
        'aws.resource.arn': harnessArn,
        'gen_ai.usage.input_tokens': 31,
        'aws.bedrock_agentcore.endpoint': 'live',
      },
      status: { code: 'OK' },
    });
    expect(root!.children.map((child) => child.span.name)).toEqual([
      'chat',
      'execute_tool search_docs',
      'chat',
    ]);
    expect(root!.children[1]!.span.attributes).toMatchObject({
      'gen_ai.tool.name': 'search_docs',
      'gen_ai.tool.call.id': 'tooluse_1',
      'gen_ai.tool.status': 'success',
    });
    const [summary] = summarizeTraces(spans);
    expect(summary).toMatchObject({
      agent: 'agentdrop_single',
      tokens: { input: 31, output: 10 },
      tools: ['search_docs'],
      errors: [],
    });
    expect(renderTraceTree([root!], (ms) => `${ms} ms`)).toMatch(/├─ chat {2}\d+ ms {2}11→4 tokens/);
  });

  it('carries no prompt, answer or tool payload (the canary is in every event it was given)', () => {
    const trace = newTrace();
    runLoop(trace, false);
    const text = JSON.stringify(trace.finish({ inputTokens: 1, outputTokens: 1, totalTokens: 2 }, false));
    expect(text).toContain('search_docs');
    expect(text).not.toContain(canary);
  });

  it('marks a failed tool call and a failed invocation, and ends spans the loop left open', () => {
    const trace = newTrace();
    runLoop(trace, true);
    trace.observe({ type: 'beforeToolCallEvent', toolUse: { name: 'shell', toolUseId: 'tooluse_2' } });
    const records = trace.finish({ inputTokens: 0, outputTokens: 0, totalTokens: 0 }, true);
    expect(records.filter((record) => record.status.code === 'ERROR').map((record) => record.name)).toEqual([
      'execute_tool search_docs',
      'execute_tool shell',
      'invoke_agent agentdrop_single',
    ]);
    expect(records.every((record) => record.endTimeUnixNano >= record.startTimeUnixNano)).toBe(true);
  });
});
