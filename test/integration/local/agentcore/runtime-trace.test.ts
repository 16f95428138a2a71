import { InvokeAgentRuntimeCommand, RuntimeClientError } from '@aws-sdk/client-bedrock-agentcore';
import { CreateAgentRuntimeCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpanRecord } from '../../../../local/otlp/index.js';
import {
  ArmDigest,
  type EmulatorFixture,
  Registry,
  RoleArn,
  sessionId,
  startFixture,
  writeFixtureContext,
} from './emulator-fixture.js';

/** An agent answering with the trace headers it received; a prompt saying `fail` gets a 500. */
const headerEchoAgent = `import { createServer } from 'node:http';
createServer((req, res) => {
  if (req.url === '/ping') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'Healthy', time_of_last_update: Math.floor(Date.now() / 1000) }));
    return;
  }
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    if (body.includes('fail')) { res.writeHead(500); res.end('{"error":"failed"}'); return; }
    // A container that dies mid-answer: headers and part of the body, then the process is gone.
    if (body.includes('die')) { res.writeHead(200, { 'content-type': 'application/json' }); res.write('{"partial":'); setTimeout(() => process.exit(1), 20); return; }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ traceparent: req.headers.traceparent ?? null, tracestate: req.headers.tracestate ?? null }));
  });
}).listen(Number(process.env.PORT), process.env.HOST);
`;

const image = `${Registry}/agents/headers@${ArmDigest}`;
const caller = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };
const TraceParent = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

/** An emulator whose runtimes' TRACES are delivered (or not), keeping each delivered line. */
async function emulatorWith(delivering: boolean) {
  const delivered: { resourceArn: string; logType: string; message: string }[] = [];
  const contextDir = writeFixtureContext('headers', headerEchoAgent);
  const f = await startFixture({
    ecr: {
      findImage: (repository, digest) =>
        repository === 'agents/headers' && digest === ArmDigest
          ? { digest: ArmDigest, architecture: 'arm64', os: 'linux', contextDir }
          : undefined,
    },
    delivers: (_arn, logType) => delivering && logType === 'TRACES',
    deliverLog: (resourceArn, logType, _stream, lines) => {
      for (const line of lines) delivered.push({ resourceArn, logType, message: line.message });
    },
  });
  const runtime = await f.control.send(
    new CreateAgentRuntimeCommand({
      agentRuntimeName: 'headers',
      roleArn: RoleArn,
      agentRuntimeArtifact: { containerConfiguration: { containerUri: image } },
    }),
  );
  const spans = () =>
    delivered
      .filter((line) => line.logType === 'TRACES')
      .map((line) => JSON.parse(line.message) as SpanRecord);
  return { f, runtimeArn: runtime.agentRuntimeArn!, delivered, spans };
}

async function invoke(
  f: EmulatorFixture,
  runtimeArn: string,
  prompt: string,
  trace: { traceParent?: string; traceState?: string; traceId?: string } = {},
): Promise<{ traceparent: string | null; tracestate: string | null }> {
  const out = await f.data.send(
    new InvokeAgentRuntimeCommand({
      agentRuntimeArn: runtimeArn,
      runtimeSessionId: sessionId('traced'),
      contentType: 'application/json',
      payload: new TextEncoder().encode(JSON.stringify({ prompt })),
      ...trace,
    }),
  );
  return JSON.parse(await out.response!.transformToString());
}

describe('InvokeAgentRuntime with a TRACES delivery: AgentCore’s own span, continued by the container', () => {
  let env: Awaited<ReturnType<typeof emulatorWith>>;
  beforeAll(async () => {
    env = await emulatorWith(true);
  });
  afterAll(() => env.f.close());

  it('delivers a SERVER span per call and passes the container a traceparent naming it', async () => {
    const seen = await invoke(env.f, env.runtimeArn, 'canary-prompt-1');
    const [, traceId, spanId] = TraceParent.exec(seen.traceparent ?? '') ?? [];
    expect(traceId).toBeDefined();
    const [span, ...more] = env.spans();
    expect(more).toEqual([]);
    expect(span).toMatchObject({
      traceId,
      spanId,
      name: 'InvokeAgentRuntime',
      kind: 'SERVER',
      status: { code: 'OK' },
      resource: { attributes: { 'cloud.resource_id': env.runtimeArn, 'service.name': 'bedrock-agentcore' } },
      attributes: {
        'aws.resource.arn': env.runtimeArn,
        'session.id': sessionId('traced'),
        'http.response.status_code': 200,
      },
    });
    expect(span!.parentSpanId).toBeUndefined();
    expect(span!.durationNano).toBeGreaterThan(0);
    // No content: the payload appears in no delivered line (the scan finds what it looks for).
    expect(JSON.stringify(env.delivered)).toContain(env.runtimeArn);
    expect(JSON.stringify(env.delivered)).not.toContain('canary-prompt-1');
  });

  it('continues a caller’s traceparent, and passes its tracestate on', async () => {
    const before = env.spans().length;
    const seen = await invoke(env.f, env.runtimeArn, 'hello', {
      traceParent: `00-${caller.traceId}-${caller.spanId}-01`,
      traceState: 'vendor=1',
    });
    const [, traceId, spanId] = TraceParent.exec(seen.traceparent ?? '') ?? [];
    expect(traceId).toBe(caller.traceId);
    expect(spanId).not.toBe(caller.spanId);
    expect(seen.tracestate).toBe('vendor=1');
    expect(env.spans().slice(before)).toEqual([
      expect.objectContaining({ traceId: caller.traceId, spanId, parentSpanId: caller.spanId }),
    ]);
  });

  it('continues an X-Ray trace header (the traceId member) when there is no traceparent', async () => {
    const before = env.spans().length;
    const seen = await invoke(env.f, env.runtimeArn, 'hello', {
      traceId: `Root=1-${caller.traceId.slice(0, 8)}-${caller.traceId.slice(8)};Parent=${caller.spanId};Sampled=1`,
    });
    expect(TraceParent.exec(seen.traceparent ?? '')?.[1]).toBe(caller.traceId);
    expect(env.spans().slice(before)).toEqual([
      expect.objectContaining({ traceId: caller.traceId, parentSpanId: caller.spanId }),
    ]);
  });

  it('starts a new trace for a malformed traceparent', async () => {
    const seen = await invoke(env.f, env.runtimeArn, 'hello', {
      traceParent: `00-${'0'.repeat(32)}-${caller.spanId}-01`,
    });
    const [, traceId] = TraceParent.exec(seen.traceparent ?? '') ?? [];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(traceId).not.toBe('0'.repeat(32));
  });

  it('fails the span of a call the container answers with an error (424 to the caller)', async () => {
    const before = env.spans().length;
    const error = await invoke(env.f, env.runtimeArn, 'fail').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeClientError);
    expect(env.spans().slice(before)).toEqual([
      expect.objectContaining({
        status: { code: 'ERROR' },
        attributes: expect.objectContaining({ 'http.response.status_code': 424 }),
      }),
    ]);
  });
});

describe('InvokeAgentRuntime with a TRACES delivery, when the container dies mid-answer', () => {
  let env: Awaited<ReturnType<typeof emulatorWith>>;
  beforeAll(async () => {
    env = await emulatorWith(true);
  });
  afterAll(() => env.f.close());

  it('cuts the answer off and delivers the span failed', async () => {
    const failed = await env.f.data
      .send(
        new InvokeAgentRuntimeCommand({
          agentRuntimeArn: env.runtimeArn,
          runtimeSessionId: sessionId('dies'),
          contentType: 'application/json',
          payload: new TextEncoder().encode(JSON.stringify({ prompt: 'die' })),
        }),
      )
      .then((out) => out.response!.transformToString())
      .then(
        () => false,
        () => true,
      );
    expect(failed).toBe(true);
    expect(env.spans()).toEqual([
      expect.objectContaining({
        status: { code: 'ERROR' },
        attributes: expect.objectContaining({ 'http.response.status_code': 502 }),
      }),
    ]);
  });
});

describe('InvokeAgentRuntime without a TRACES delivery', () => {
  let env: Awaited<ReturnType<typeof emulatorWith>>;
  beforeAll(async () => {
    env = await emulatorWith(false);
  });
  afterAll(() => env.f.close());

  it('makes no span and passes the caller’s traceparent through unchanged', async () => {
    const traceParent = `00-${caller.traceId}-${caller.spanId}-01`;
    expect((await invoke(env.f, env.runtimeArn, 'hello', { traceParent })).traceparent).toBe(traceParent);
    expect((await invoke(env.f, env.runtimeArn, 'hello')).traceparent).toBeNull();
    expect(env.spans()).toEqual([]);
  });
});
