import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { checkSigV4 } from '../../../../local/otlp/check-sigv4.js';

const Scope = { service: 'xray', region: 'us-west-2' } as const;
const SignedAt = new Date('2026-12-05T01:00:00Z');
const body = Buffer.from('{"resourceSpans":[]}');

/** The headers the SDK's signer gives a POST /v1/traces signed at {@link SignedAt} as `Role` (secret `Role`). */
async function signedHeaders(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    ...Scope,
    credentials: { accessKeyId: 'Role', secretAccessKey: 'Role', ...extra },
    sha256: Sha256,
  });
  const request = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4318,
      path: '/v1/traces',
      query: {},
      headers: { host: '127.0.0.1:4318', 'content-type': 'application/json' },
      body,
    },
    { signingDate: SignedAt },
  );
  return Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
}

const check = (headers: Record<string, string>, now = SignedAt.getTime()) =>
  checkSigV4({ method: 'POST', url: '/v1/traces', headers }, body, Scope, (id) => id, now);

describe('checkSigV4', () => {
  it('accepts the SDK signer’s request, with or without a session token, within five minutes of its date', async () => {
    expect(check(await signedHeaders())).toEqual({ accessKeyId: 'Role' });
    expect(check(await signedHeaders({ sessionToken: 'token' }))).toEqual({ accessKeyId: 'Role' });
    expect(check(await signedHeaders(), SignedAt.getTime() + 4 * 60_000)).toEqual({ accessKeyId: 'Role' });
  });

  it('refuses a signature more than five minutes off, a bearer token, and a changed signed header', async () => {
    const headers = await signedHeaders();
    expect(check(headers, SignedAt.getTime() + 6 * 60_000)).toMatchObject({
      type: 'InvalidSignatureException',
      message: expect.stringContaining('Signature expired'),
    });
    expect(check({ ...headers, authorization: 'Bearer xray-api-key' })).toMatchObject({
      type: 'IncompleteSignatureException',
    });
    expect(check({ ...headers, 'content-type': 'text/plain' })).toMatchObject({
      type: 'InvalidSignatureException',
      message: expect.stringContaining('does not match the signature you provided'),
    });
  });
});
