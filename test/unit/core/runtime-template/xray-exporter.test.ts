import type { ExportResult } from '@opentelemetry/core';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTracing, traced } from '../../../../core/runtime-template/files/otel.mjs';
import { xraySpanExporter, xrayTraces } from '../../../../core/runtime-template/files/xray-exporter.mjs';
import { type OtlpReceiver, startOtlpReceiver } from '../../../../local/otlp/index.js';

const Region = 'us-west-2';

describe('xrayTraces', () => {
  it('points at X-Ray’s OTLP endpoint of the region, or AWS_ENDPOINT_URL_XRAY; nowhere without a region', () => {
    expect(xrayTraces({ AWS_REGION: 'eu-west-1' })?.url.href).toBe(
      'https://xray.eu-west-1.amazonaws.com/v1/traces',
    );
    expect(
      xrayTraces({ AWS_DEFAULT_REGION: 'eu-west-1', AWS_ENDPOINT_URL_XRAY: 'http://127.0.0.1:4318/' }),
    ).toEqual({ url: new URL('http://127.0.0.1:4318/v1/traces'), region: 'eu-west-1' });
    expect(xrayTraces({})).toBeUndefined();
  });
});

describe('the runtime agent’s signed export to X-Ray (xray-exporter.mjs) against the local endpoint', () => {
  let receiver: OtlpReceiver;
  const spanNames: string[] = [];
  let allowed = true;
  beforeAll(async () => {
    receiver = await startOtlpReceiver({
      region: Region,
      writeLog: (_group, _stream, lines) => {
        for (const line of lines) spanNames.push((JSON.parse(line.message) as { name: string }).name);
      },
      authorize: () => (allowed ? undefined : { denied: 'not authorized to perform: xray:PutTraceSegments' }),
    });
  });
  afterAll(() => receiver.stop());
  beforeEach(() => {
    spanNames.length = 0;
    allowed = true;
  });

  /** Exports one span named `name` through `exporter` and returns the export's result. */
  function exportOne(exporter: ReturnType<typeof xraySpanExporter>, name: string): Promise<ExportResult> {
    return new Promise((resolve) => {
      const provider = new BasicTracerProvider({
        spanProcessors: [
          new SimpleSpanProcessor({
            export: (spans, done) =>
              exporter.export(spans, (result) => {
                done(result);
                resolve(result);
              }),
            shutdown: () => exporter.shutdown(),
          }),
        ],
      });
      provider.getTracer('test').startSpan(name).end();
    });
  }

  const credentials = (accessKeyId: string) => async () => ({ accessKeyId, secretAccessKey: accessKeyId });

  it('signs each batch for xray in the region, gzipped, and the endpoint writes it', async () => {
    const target = xrayTraces({ AWS_REGION: Region, AWS_ENDPOINT_URL_XRAY: receiver.endpoint })!;
    const result = await exportOne(
      xraySpanExporter({ ...target, credentials: credentials('Role') }),
      'signed',
    );
    expect([result.code, result.error]).toEqual([0, undefined]);
    expect(spanNames).toEqual(['signed']);
  });

  it('reports a refused, badly signed or unreachable export as failed, without throwing', async () => {
    allowed = false;
    const target = xrayTraces({ AWS_REGION: Region, AWS_ENDPOINT_URL_XRAY: receiver.endpoint })!;
    const denied = await exportOne(
      xraySpanExporter({ ...target, credentials: credentials('Role') }),
      'denied',
    );
    allowed = true;
    const otherRegion = await exportOne(
      xraySpanExporter({ url: target.url, region: 'eu-west-1', credentials: credentials('Role') }),
      'other-region',
    );
    const noCredentials = await exportOne(
      xraySpanExporter({ ...target, credentials: () => Promise.reject(new Error('no credentials')) }),
      'no-credentials',
    );
    const closed = await exportOne(
      xraySpanExporter({
        url: new URL('http://127.0.0.1:9/v1/traces'),
        region: Region,
        credentials: credentials('Role'),
      }),
      'closed',
    );
    expect([denied, otherRegion, noCredentials, closed].map((result) => result.code)).toEqual([1, 1, 1, 1]);
    expect(denied.error?.message).toBe('X-Ray refused the spans: HTTP 403.');
    expect(spanNames).toEqual([]);
  });

  it('is what startTracing uses when AGENT_OBSERVABILITY_ENABLED=true, over the SDK’s credential chain; a refusal never fails the invocation', async () => {
    const env: NodeJS.ProcessEnv = {
      AGENT_OBSERVABILITY_ENABLED: 'true',
      AWS_REGION: Region,
      AWS_ENDPOINT_URL_XRAY: receiver.endpoint,
    };
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    // The default provider chain reads the process's environment, as in a runtime container.
    process.env.AWS_ACCESS_KEY_ID = 'RuntimeRole';
    process.env.AWS_SECRET_ACCESS_KEY = 'RuntimeRole';
    try {
      expect(await startTracing(env, { project: 'team' })).toBe(true);
      const first = await traced({ project: 'team', sessionId: 's'.repeat(33) }, async () => 'answer');
      expect(first.value).toBe('answer');
      expect(spanNames).toEqual(['agentdrop.invocation']);
      allowed = false;
      const second = await traced(
        { project: 'team', sessionId: 's'.repeat(33) },
        async () => 'still answers',
      );
      expect([second.value, second.traceId]).toEqual([
        'still answers',
        expect.stringMatching(/^[0-9a-f]{32}$/),
      ]);
      expect(spanNames).toEqual(['agentdrop.invocation']);
    } finally {
      process.env.AWS_ACCESS_KEY_ID = saved.id;
      process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
    }
  });
});
