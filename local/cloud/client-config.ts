/** Static credentials every local service accepts (s3rver checks signatures against this pair). */
export const LocalCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** What an AWS SDK v3 client needs to talk to a local service; spread it into the client's config. */
export interface LocalClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** S3 only: s3rver serves path-style URLs. */
  readonly forcePathStyle?: boolean;
  /** S3 only: default checksums make s3rver store aws-chunked framing (toolchain.md §4). */
  readonly requestChecksumCalculation?: 'WHEN_REQUIRED';
  readonly responseChecksumValidation?: 'WHEN_REQUIRED';
}

/** The client config for an endpoint; `s3` adds path style and `WHEN_REQUIRED` checksums. */
export function localClientConfig(endpoint: string, region: string, s3: boolean): LocalClientConfig {
  const base = { endpoint, region, credentials: { ...LocalCredentials } };
  return s3
    ? {
        ...base,
        forcePathStyle: true,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }
    : base;
}
