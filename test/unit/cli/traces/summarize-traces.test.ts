import { describe, expect, it } from 'vitest';
import { renderTraceTree, type Span, summarizeTraces, traceTree } from '../../../../cli/traces/index.js';

const ms = 1_000_000;
const t0 = 1_800_000_000_000 * ms;

function span(fields: Partial<Span> & Pick<Span, 'spanId' | 'name'>, at = 0, duration = 10): Span {
  return {
    traceId: 'a'.repeat(32),
    startTimeUnixNano: t0 + at * ms,
    durationNano: duration * ms,
    attributes: {},
    resource: { attributes: { 'service.name': 'agentdrop-team' } },
    status: { code: 'OK' },
    ...fields,
  };
}

const invocation = [
  span({ spanId: 'root', name: 'agentdrop.invocation' }, 0, 100),
  span({ spanId: 'editor', parentSpanId: 'root', name: 'invoke_agent editor' }, 1, 98),
  span(
    {
      spanId: 'chat1',
      parentSpanId: 'editor',
      name: 'chat',
      attributes: { 'gen_ai.usage.input_tokens': 10, 'gen_ai.usage.output_tokens': 4 },
    },
    2,
    20,
  ),
  span({ spanId: 'tool', parentSpanId: 'editor', name: 'execute_tool researcher' }, 30, 40),
  span({ spanId: 'sub', parentSpanId: 'tool', name: 'invoke_agent researcher' }, 31, 38),
  span(
    {
      spanId: 'chat2',
      parentSpanId: 'sub',
      name: 'chat',
      attributes: { 'gen_ai.usage.input_tokens': 7, 'gen_ai.usage.output_tokens': 3 },
      status: { code: 'ERROR' },
    },
    32,
    5,
  ),
];

describe('summarizeTraces', () => {
  it('sums the model calls’ tokens, lists tools in call order and names failed spans, newest trace first', () => {
    const older = span({ traceId: 'b'.repeat(32), spanId: 'x', name: 'invoke_agent editor' }, -5000, 10);
    const [latest, earlier] = summarizeTraces([...invocation, older]);
    expect(latest).toEqual({
      traceId: 'a'.repeat(32),
      startedAt: t0 / ms,
      durationMs: 100,
      agent: 'editor',
      tokens: { input: 17, output: 7 },
      tools: ['researcher'],
      errors: ['chat'],
      spans: 6,
    });
    expect(earlier).toMatchObject({ traceId: 'b'.repeat(32), tokens: null, tools: [], errors: [] });
  });
});

/** AgentCore's own SERVER span of the runtime call, the parent the agent's invocation span continues. */
const server = span(
  {
    spanId: 'server',
    name: 'InvokeAgentRuntime',
    resource: { attributes: { 'service.name': 'bedrock-agentcore', 'cloud.resource_id': 'arn:runtime' } },
  },
  -1,
  103,
);
const continued = [
  server,
  ...invocation.map((s) => (s.spanId === 'root' ? { ...s, parentSpanId: 'server' } : s)),
];

describe('a runtime invocation under AgentCore’s own span', () => {
  it('is one trace: the entry agent, tokens and tools are the agent’s, the duration AgentCore’s', () => {
    expect(summarizeTraces(continued)).toEqual([
      expect.objectContaining({
        traceId: 'a'.repeat(32),
        startedAt: t0 / ms - 1,
        durationMs: 103,
        agent: 'editor',
        tokens: { input: 17, output: 7 },
        tools: ['researcher'],
        errors: ['chat'],
        spans: 7,
      }),
    ]);
  });

  it('is one tree with AgentCore’s span as its root', () => {
    const roots = traceTree(continued);
    expect(roots.map((root) => root.span.name)).toEqual(['InvokeAgentRuntime']);
    expect(
      renderTraceTree(roots, (n) => `${n} ms`)
        .split('\n')
        .slice(0, 3),
    ).toEqual([
      'InvokeAgentRuntime  103 ms',
      '└─ agentdrop.invocation  100 ms',
      '   └─ invoke_agent editor  98 ms',
    ]);
  });
});

describe('traceTree and renderTraceTree', () => {
  it('nests a subagent under the tool call that started it, with durations, tokens and failures', () => {
    const text = renderTraceTree(traceTree([...invocation].reverse()), (n) => `${n} ms`);
    expect(text).toBe(
      [
        'agentdrop.invocation  100 ms',
        '└─ invoke_agent editor  98 ms',
        '   ├─ chat  20 ms  10→4 tokens',
        '   └─ execute_tool researcher  40 ms',
        '      └─ invoke_agent researcher  38 ms',
        '         └─ chat  5 ms  7→3 tokens  ✗ error',
        '',
      ].join('\n'),
    );
  });

  it('makes a span whose parent was not exported a root', () => {
    const roots = traceTree([span({ spanId: 'orphan', parentSpanId: 'gone', name: 'chat' })]);
    expect(roots.map((node) => node.span.spanId)).toEqual(['orphan']);
  });
});
