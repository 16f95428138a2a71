import { EmulatedS3Options } from '../../functions/lib/emulated-s3-options.js';
import { localRetryStrategy, type SdkRetryStrategy } from './local-retry-strategy.js';

/** Static credentials every local service accepts (s3rver checks signatures against this pair). */
export const LocalCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** How the local cloud's SDK clients time out and retry (`LocalCloudOptions.sdk`). */
export interface LocalSdkOptions {
  /**
   * Socket inactivity after which a call fails with the SDK's `TimeoutError` (which the SDK retries): what
   * ends a call the emulator never answers (`network_timeout`). @default 30_000 — the longest a runtime
   * container may take to start before InvokeAgentRuntime answers
   */
  readonly requestTimeoutMs?: number;
  /**
   * A fixed delay between the SDK's own retries, in place of its exponential backoff (same attempts, see
   * `localRetryStrategy`). @default undefined — the SDK's standard retry strategy and backoff
   */
  readonly retryDelayMs?: number;
}

/** The request timeout of local clients when none is configured. */
export const DefaultLocalRequestTimeoutMs = 30_000;

/** Settings layered over an SDK client's defaults: its HTTP handler's timeout and, optionally, its retries. */
export interface LocalSdkSettings {
  /** Options of the SDK's Node HTTP handler: `socketTimeout` ends a call nobody answers. */
  readonly requestHandler: { readonly socketTimeout: number };
  /** Present when `retryDelayMs` is configured. */
  readonly retryStrategy?: SdkRetryStrategy;
}

/** What an AWS SDK v3 client needs to talk to a local service; spread it into the client's config. */
export interface LocalClientConfig extends LocalSdkSettings {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** S3 only: s3rver serves path-style URLs. */
  readonly forcePathStyle?: boolean;
  /** S3 only: default checksums make s3rver store aws-chunked framing (toolchain.md §4). */
  readonly requestChecksumCalculation?: 'WHEN_REQUIRED';
  readonly responseChecksumValidation?: 'WHEN_REQUIRED';
}

/** The SDK settings of {@link LocalSdkOptions}: a fresh retry strategy per call (one per client). */
export function localSdkSettings(sdk: LocalSdkOptions = {}): LocalSdkSettings {
  return {
    requestHandler: { socketTimeout: sdk.requestTimeoutMs ?? DefaultLocalRequestTimeoutMs },
    ...(sdk.retryDelayMs !== undefined ? { retryStrategy: localRetryStrategy(sdk.retryDelayMs) } : {}),
  };
}

/** The client config for an endpoint; `s3` adds path style and `WHEN_REQUIRED` checksums. */
export function localClientConfig(
  endpoint: string,
  region: string,
  s3: boolean,
  sdk: LocalSdkOptions = {},
): LocalClientConfig {
  const base = { endpoint, region, credentials: { ...LocalCredentials }, ...localSdkSettings(sdk) };
  return s3
    ? {
        ...base,
        ...EmulatedS3Options,
      }
    : base;
}
