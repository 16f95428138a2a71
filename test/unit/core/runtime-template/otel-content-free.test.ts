import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, traced, tracedStream } from '../../../../core/runtime-template/files/otel.mjs';

/** An OTLP/HTTP collector on loopback keeping each request body. */
describe('the runtime agent’s tracing (otel.mjs)', () => {
  let collector: Server;
  const bodies: string[] = [];
  // The OTLP exporter reads its endpoint and protocol from process.env, as in the runtime (env is process.env).
  const env = process.env;
  const saved = { ...process.env };
  // The global tracer provider registers once per process: every test shares the first start.
  let started: Promise<boolean> | undefined;
  const tracing = () => {
    started ??= startTracing(env, { project: 'team' });
    return started;
  };

  beforeAll(async () => {
    collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      req.on('end', () => {
        bodies.push(body);
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL = 'http/json';
    env.AGENTDROP_FINGERPRINT = 'f'.repeat(64);
  });
  afterAll(() => {
    collector.close();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  });

  it('stays off without a collector', async () => {
    expect(await startTracing({}, { project: 'team' })).toBe(false);
  });

  it('exports each invocation’s spans before it returns, without events, content attributes or status messages', async () => {
    expect(await tracing()).toBe(true);
    const { value, traceId } = await traced({ project: 'team', sessionId: 's'.repeat(33) }, async () => {
      // What Strands' tracer does on an agent span: instructions as an attribute, the prompt as an event.
      const span = trace.getTracer('strands').startSpan('invoke_agent editor', {
        attributes: { 'gen_ai.agent.name': 'editor', system_prompt: 'canary-instruction-1' },
      });
      span.addEvent('gen_ai.user.message', { content: 'canary-prompt-2' });
      span.setAttribute('gen_ai.tool.call.arguments', 'canary-arguments-3');
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'canary-error-4' });
      span.end();
      return 'answer';
    });
    expect(value).toBe('answer');
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const exported = bodies.join('\n');
    expect(exported).toContain('invoke_agent editor');
    expect(exported).toContain('agentdrop.invocation');
    expect(exported).toContain(traceId);
    expect(exported).toContain('"agentdrop-team"');
    expect(exported).toContain('f'.repeat(64));
    expect(exported).toContain('gen_ai.agent.name');
    for (const canary of [
      'canary-instruction-1',
      'canary-prompt-2',
      'canary-arguments-3',
      'canary-error-4',
    ]) {
      expect(exported).not.toContain(canary);
    }
  });

  // AgentCore's own span of the call (its traceparent), as the local cloud's emulator sends it.
  const caller = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };
  const traceparent = `00-${caller.traceId}-${caller.spanId}-01`;

  it('continues the trace of an incoming traceparent: the invocation span is the caller span’s child', async () => {
    expect(await tracing()).toBe(true);
    const before = bodies.length;
    const { traceId } = await traced(
      { project: 'team', sessionId: 's'.repeat(33), traceHeaders: { traceparent } },
      async () => 'answer',
    );
    expect(traceId).toBe(caller.traceId);
    const span = exportedSpans(bodies.slice(before)).find((each) => each.name === 'agentdrop.invocation');
    expect(span).toMatchObject({ traceId: caller.traceId, parentSpanId: caller.spanId });
  });

  it('continues it on the streamed path too, and starts a new trace without the header', async () => {
    expect(await tracing()).toBe(true);
    async function* turn(): AsyncGenerator<Record<string, unknown>> {
      yield { type: 'result', text: 'Hi' };
    }
    const frames: Record<string, unknown>[] = [];
    const about = { project: 'team', sessionId: 's'.repeat(33) };
    for await (const frame of tracedStream({ ...about, traceHeaders: { traceparent } }, turn()))
      frames.push(frame);
    expect(frames.at(-1)?.traceId).toBe(caller.traceId);
    const { traceId } = await traced(about, async () => 'answer');
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(traceId).not.toBe(caller.traceId);
  });

  it('records nothing under a traceparent whose sampled flag is off (the parent-based sampler), so no trace id', async () => {
    expect(await tracing()).toBe(true);
    const { value, traceId } = await traced(
      {
        project: 'team',
        sessionId: 's'.repeat(33),
        traceHeaders: { traceparent: `00-${caller.traceId}-${caller.spanId}-00` },
      },
      async () => 'answer',
    );
    expect(value).toBe('answer');
    expect(traceId).toBeUndefined();
  });
});

/** The spans of OTLP/JSON export bodies (ids as hex, as the OTLP/JSON encoding writes them). */
function exportedSpans(
  bodies: readonly string[],
): { name: string; traceId: string; parentSpanId?: string }[] {
  return bodies.flatMap((body) =>
    (
      JSON.parse(body) as {
        resourceSpans: {
          scopeSpans: { spans: { name: string; traceId: string; parentSpanId?: string }[] }[];
        }[];
      }
    ).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)),
  );
}
