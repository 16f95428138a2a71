import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

/** How a test signs a request to the local X-Ray OTLP endpoint (the SDK's own signer). */
export interface XraySigning {
  readonly accessKeyId: string;
  /** @default accessKeyId (the local cloud's convention) */
  readonly secretAccessKey?: string;
  /** @default 'xray' */
  readonly service?: string;
  readonly region: string;
}

/**
 * `fetch` of `POST <endpoint>/v1/traces` with `body`, signed with SigV4 as `signing` says; `headers` are signed
 * too (content-type, content-encoding). `onWire` replaces the body after signing (a tampered request).
 */
export async function postSigned(
  endpoint: string,
  body: Uint8Array,
  headers: Record<string, string>,
  signing: XraySigning,
  onWire: Uint8Array = body,
): Promise<Response> {
  const url = new URL(`${endpoint}/v1/traces`);
  const signer = new SignatureV4({
    service: signing.service ?? 'xray',
    region: signing.region,
    credentials: {
      accessKeyId: signing.accessKeyId,
      secretAccessKey: signing.secretAccessKey ?? signing.accessKeyId,
    },
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: {},
    headers: { host: url.host, ...headers },
    body,
  });
  const { host: _host, ...sent } = signed.headers;
  return fetch(url, { method: 'POST', headers: sent, body: onWire });
}
