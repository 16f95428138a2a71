import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestIamQuestion } from '../../../local/http/index.js';
import { type OtlpReceiver, startOtlpReceiver } from '../../../local/otlp/start-otlp-receiver.js';
import { postSigned } from '../../support/sign-xray-request.js';

const Region = 'us-west-2';
const Json = { 'content-type': 'application/json' };

/** One OTLP/JSON export request with one span named `name`. */
function exportRequest(name: string): Uint8Array {
  const span = {
    traceId: 'a'.repeat(32),
    spanId: 'b'.repeat(16),
    name,
    kind: 1,
    startTimeUnixNano: '1000000000',
    endTimeUnixNano: '2000000000',
    status: { code: 1 },
  };
  return new TextEncoder().encode(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] }));
}

describe('the local X-Ray OTLP endpoint', () => {
  let receiver: OtlpReceiver;
  const written: { group: string; messages: string[] }[] = [];
  const asked: { accessKeyId: string | undefined; questions: readonly RequestIamQuestion[] }[] = [];
  beforeAll(async () => {
    receiver = await startOtlpReceiver({
      region: Region,
      writeLog: (group, _stream, lines) =>
        void written.push({ group, messages: lines.map((l) => l.message) }),
      // The local IAM's shape: `Denied` is not allowed xray:PutTraceSegments, everyone else is.
      authorize: ({ accessKeyId, requests }) => {
        asked.push({ accessKeyId, questions: requests() });
        return accessKeyId === 'Denied'
          ? { denied: 'User: Denied is not authorized to perform: xray:PutTraceSegments' }
          : undefined;
      },
    });
  });
  afterAll(() => receiver.stop());
  beforeEach(() => {
    written.length = 0;
    asked.length = 0;
  });

  const refusal = async (response: Response) => ({
    status: response.status,
    type: response.headers.get('x-amzn-errortype'),
    message: ((await response.json()) as { message: string }).message,
  });

  it('writes a signed, allowed export to aws/spans, plain or gzipped, after asking for xray:PutTraceSegments on *', async () => {
    const plain = await postSigned(receiver.endpoint, exportRequest('plain-span'), Json, {
      accessKeyId: 'RuntimeRole',
      region: Region,
    });
    const gzipped = await postSigned(
      receiver.endpoint,
      gzipSync(exportRequest('gzipped-span')),
      { ...Json, 'content-encoding': 'gzip' },
      { accessKeyId: 'RuntimeRole', region: Region },
    );
    expect([plain.status, gzipped.status]).toEqual([200, 200]);
    expect(written.map((w) => w.group)).toEqual(['aws/spans', 'aws/spans']);
    expect(written.flatMap((w) => w.messages.map((m) => (JSON.parse(m) as { name: string }).name))).toEqual([
      'plain-span',
      'gzipped-span',
    ]);
    expect(asked).toEqual([
      { accessKeyId: 'RuntimeRole', questions: [{ action: 'xray:PutTraceSegments', resource: '*' }] },
      { accessKeyId: 'RuntimeRole', questions: [{ action: 'xray:PutTraceSegments', resource: '*' }] },
    ]);
  });

  it('refuses an unsigned export with 403 MissingAuthenticationToken and writes nothing', async () => {
    const unsigned = await fetch(`${receiver.endpoint}/v1/traces`, {
      method: 'POST',
      headers: Json,
      body: exportRequest('unsigned-span'),
    });
    expect(await refusal(unsigned)).toEqual({
      status: 403,
      type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
    expect([written, asked]).toEqual([[], []]);
  });

  it('refuses a signature scoped to another service or region, or made with another secret, or over another body', async () => {
    const body = exportRequest('mis-signed-span');
    const otherService = await postSigned(receiver.endpoint, body, Json, {
      accessKeyId: 'RuntimeRole',
      service: 'logs',
      region: Region,
    });
    const otherRegion = await postSigned(receiver.endpoint, body, Json, {
      accessKeyId: 'RuntimeRole',
      region: 'us-east-1',
    });
    const otherSecret = await postSigned(receiver.endpoint, body, Json, {
      accessKeyId: 'RuntimeRole',
      secretAccessKey: 'not-the-key-id',
      region: Region,
    });
    expect((await refusal(otherService)).message).toBe(
      "Credential should be scoped to correct service: 'xray'.",
    );
    expect((await refusal(otherRegion)).message).toContain("not 'us-east-1'");
    expect(await refusal(otherSecret)).toMatchObject({ status: 403, type: 'InvalidSignatureException' });
    expect([otherService.status, otherRegion.status]).toEqual([403, 403]);
    expect([written, asked]).toEqual([[], []]);
  });

  it('refuses a signed export whose body was changed after signing', async () => {
    const swapped = await postSigned(
      receiver.endpoint,
      exportRequest('signed-span'),
      Json,
      { accessKeyId: 'RuntimeRole', region: Region },
      exportRequest('swapped-span'),
    );
    expect(await refusal(swapped)).toMatchObject({ status: 403, type: 'InvalidSignatureException' });
    expect(written).toEqual([]);
  });

  it('refuses a principal the IAM denies xray:PutTraceSegments with 403 AccessDenied and writes nothing', async () => {
    const denied = await postSigned(receiver.endpoint, exportRequest('denied-span'), Json, {
      accessKeyId: 'Denied',
      region: Region,
    });
    expect(await refusal(denied)).toEqual({
      status: 403,
      type: 'AccessDeniedException',
      message: 'User: Denied is not authorized to perform: xray:PutTraceSegments',
    });
    expect(written).toEqual([]);
  });

  it('refuses, signed, a wrong path (404), protobuf (415), an unknown encoding (415) and broken JSON (400), writing nothing', async () => {
    const signing = { accessKeyId: 'RuntimeRole', region: Region };
    const wrongPath = await fetch(`${receiver.endpoint}/v1/metrics`, { method: 'POST', body: '{}' });
    const protobuf = await postSigned(
      receiver.endpoint,
      new Uint8Array([0x0a, 0x00]),
      { 'content-type': 'application/x-protobuf' },
      signing,
    );
    const deflate = await postSigned(
      receiver.endpoint,
      exportRequest('deflated'),
      { ...Json, 'content-encoding': 'deflate' },
      signing,
    );
    const broken = await postSigned(
      receiver.endpoint,
      new TextEncoder().encode('{"resourceSpans": ['),
      Json,
      signing,
    );
    expect([wrongPath.status, protobuf.status, deflate.status, broken.status]).toEqual([404, 415, 415, 400]);
    expect((await refusal(protobuf)).message).toContain('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json');
    expect(written).toEqual([]);
  });

  it('accepts a signed export with no spans without writing', async () => {
    const empty = await postSigned(
      receiver.endpoint,
      new TextEncoder().encode('{"resourceSpans": []}'),
      Json,
      { accessKeyId: 'RuntimeRole', region: Region },
    );
    expect([empty.status, written]).toEqual([200, []]);
  });
});
