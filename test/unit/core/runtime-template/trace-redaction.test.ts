import { describe, expect, it } from 'vitest';
import { traceToolCalls } from '../../../../core/runtime-template/files/trace.mjs';

/** The hooks only need `addHook`, the two event classes and the tool's MCP client: minimal stand-ins suffice. */
const trace = traceToolCalls as unknown as (
  agent: unknown,
  strands: unknown,
  traced: unknown,
  sink: { current: Record<string, unknown>[] },
  secrets: string[],
) => void;

type Hook = (event: unknown) => void;

/** Drives traceToolCalls' two hooks as Strands calls them around one MCP tool call. */
function traceOneCall(result: unknown, secrets: string[]) {
  const hooks = new Map<string, Hook>();
  const agent = { addHook: (type: string, hook: Hook) => hooks.set(type, hook) };
  const strands = { BeforeToolCallEvent: 'before', AfterToolCallEvent: 'after' };
  const client = {};
  const traced = {
    name: 'lead',
    depth: 0,
    kinds: new Map(),
    servers: new Map([[client, 'docs']]),
    hasSkills: false,
  };
  const sink = { current: [] as Record<string, unknown>[] };
  trace(agent, strands, traced, sink, secrets);
  const toolUse = { name: 'search', toolUseId: 't1', input: {} };
  hooks.get('before')?.({ toolUse, tool: { mcpClient: client } });
  hooks.get('after')?.({ toolUse, result });
  return sink.current[0];
}

describe('traceToolCalls', () => {
  it('quotes what a tool answered, with every secret value it echoed masked', () => {
    const canary = 'canary-echoed-token-4e1d';
    const answer = {
      status: 'error',
      content: [{ text: `401: bad header Authorization: Bearer ${canary} (${canary})` }],
    };

    const unredacted = traceOneCall(answer, []);
    expect(String(unredacted?.detail)).toContain(canary);

    const entry = traceOneCall(answer, [canary]);
    expect(entry).toMatchObject({ agent: 'lead', tool: 'search', ok: false });
    expect(entry?.detail).toBe('401: bad header Authorization: Bearer *** (***)');
    expect(JSON.stringify(entry)).not.toContain(canary);
  });
});
