import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtlpReceiver, startOtlpReceiver } from '../../../local/otlp/start-otlp-receiver.js';

describe('the local OTLP/HTTP receiver', () => {
  let receiver: OtlpReceiver;
  const written: unknown[] = [];
  beforeAll(async () => {
    receiver = await startOtlpReceiver({ writeLog: (...args) => void written.push(args) });
  });
  afterAll(() => receiver.stop());

  const post = (path: string, contentType: string, body: string) =>
    fetch(`${receiver.endpoint}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('refuses what it cannot take, each with its own status, and writes nothing', async () => {
    const wrongPath = await post('/v1/metrics', 'application/json', '{}');
    // The exporter's default protocol is protobuf: the 415 says which setting to change.
    const protobuf = await post('/v1/traces', 'application/x-protobuf', '\x0a\x00');
    const broken = await post('/v1/traces', 'application/json', '{"resourceSpans": [');
    expect([wrongPath.status, protobuf.status, broken.status]).toEqual([404, 415, 400]);
    expect(((await protobuf.json()) as { message: string }).message).toContain(
      'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json',
    );
    expect(written).toEqual([]);
  });

  it('accepts an export with no spans without writing', async () => {
    const empty = await post('/v1/traces', 'application/json', '{"resourceSpans": []}');
    expect([empty.status, written]).toEqual([200, []]);
  });
});
