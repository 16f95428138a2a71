// @ts-check
// The span exporter of AgentCore observability (ADOT's AGENT_OBSERVABILITY_ENABLED convention): OTLP/JSON,
// gzipped, to X-Ray's OTLP traces endpoint of the runtime's region, signed with SigV4 (service `xray`) as the
// process's AWS identity — on AgentCore the runtime's execution role, which needs xray:PutTraceSegments on `*`.
// X-Ray stores the spans in `aws/spans` once CloudWatch Transaction Search is on. An export that fails (no
// credentials, a refusal, a timeout) is reported to the span processor, never thrown into the invocation.
import { createHash, createHmac } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { ExportResultCode } from '@opentelemetry/core';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { SignatureV4 } from '@smithy/signature-v4';

const gzipped = promisify(gzip);

/** How long one export may take before it counts as failed (the OTLP exporters' default). */
const ExportTimeoutMs = 10_000;

/**
 * Where the signed export goes: `AWS_ENDPOINT_URL_XRAY` (the SDK's per-service endpoint override) else
 * `https://xray.<AWS_REGION>.amazonaws.com`, path `/v1/traces`; `undefined` without a region.
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ url: URL, region: string } | undefined}
 */
export function xrayTraces(env) {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (!region) return undefined;
  const endpoint = env.AWS_ENDPOINT_URL_XRAY || `https://xray.${region}.amazonaws.com`;
  return { url: new URL(`${endpoint.replace(/\/+$/, '')}/v1/traces`), region };
}

/**
 * A SpanExporter posting each batch to `url`, signed for `xray` in `region` with `credentials` (the SDK's default
 * provider chain unless given).
 * @param {{ url: URL, region: string, credentials?: () => Promise<{ accessKeyId: string, secretAccessKey: string, sessionToken?: string }> }} target
 * @returns {import('@opentelemetry/sdk-trace-base').SpanExporter}
 */
export function xraySpanExporter(target) {
  const signer = new SignatureV4({
    service: 'xray',
    region: target.region,
    credentials: target.credentials ?? defaultProvider(),
    sha256: Sha256,
  });
  /** @type {Set<Promise<void>>} */
  const pending = new Set();
  /** @param {import('@opentelemetry/sdk-trace-base').ReadableSpan[]} spans */
  const post = async (spans) => {
    const json = JsonTraceSerializer.serializeRequest(spans);
    if (json === undefined) throw new Error('The spans could not be serialized.');
    const body = new Uint8Array(await gzipped(json));
    const signed = await signer.sign({
      method: 'POST',
      protocol: target.url.protocol,
      hostname: target.url.hostname,
      ...(target.url.port ? { port: Number(target.url.port) } : {}),
      path: target.url.pathname,
      query: {},
      headers: { host: target.url.host, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body,
    });
    const { host: _host, ...headers } = signed.headers;
    const response = await fetch(target.url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(ExportTimeoutMs),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`X-Ray refused the spans: HTTP ${response.status}.`);
  };
  return {
    export(spans, resultCallback) {
      const sent = post(spans).then(
        () => resultCallback({ code: ExportResultCode.SUCCESS }),
        (error) => resultCallback({ code: ExportResultCode.FAILED, error }),
      );
      pending.add(sent);
      void sent.finally(() => pending.delete(sent));
    },
    async forceFlush() {
      await Promise.all(pending);
    },
    async shutdown() {
      await Promise.all(pending);
    },
  };
}

/** SHA-256 (an HMAC with a key) over node:crypto, in the shape the signer takes. */
class Sha256 {
  /** @param {string | ArrayBuffer | ArrayBufferView} [secret] */
  constructor(secret) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }

  /** @param {string | ArrayBuffer | ArrayBufferView} data */
  update(data) {
    this.hash.update(bytes(data));
  }

  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

/** @param {string | ArrayBuffer | ArrayBufferView} data */
function bytes(data) {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}
