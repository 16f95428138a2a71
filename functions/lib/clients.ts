import type { S3ClientConfig } from '@aws-sdk/client-s3';
import type { PipelineConfig, ServiceName } from './config.js';
import { EmulatedS3Options } from './emulated-s3-options.js';

/**
 * Settings layered over every client's defaults, per service: the local cloud's request timeouts and retry
 * delays (`LocalCloud.sdkSettings`), and credentials naming the calling function (the local cloud's IAM
 * enforcement). A function, so stateful parts (a retry strategy) are one per client.
 */
export type ClientOverrides = (service: ServiceName) => Pick<
  S3ClientConfig,
  'requestHandler' | 'retryStrategy' | 'maxAttempts'
> & {
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
};

const noOverrides: ClientOverrides = () => ({});

/** Credentials the local cloud's emulators accept (s3rver checks these; the others accept any). */
const emulatorCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/**
 * Client options for one service: region, and with an endpoint override (local cloud) the endpoint and
 * emulator credentials, so the production code paths run unchanged against the emulators.
 */
export function clientOptions(
  config: Pick<PipelineConfig, 'region' | 'endpoints' | 'emulated'>,
  service: ServiceName,
): { region: string; endpoint?: string; credentials?: typeof emulatorCredentials } {
  const endpoint = config.endpoints[service];
  if (endpoint === undefined) return { region: config.region };
  return { region: config.region, endpoint, credentials: emulatorCredentials };
}

/** What the pipeline builds every SDK client with. */
export type PipelineClientOptions = Omit<ReturnType<typeof clientOptions>, 'credentials'> &
  ReturnType<ClientOverrides> &
  Partial<typeof EmulatedS3Options>;

/**
 * The SDK client of a service for a region (the stack's own by default), built on first use and then
 * reused. The caller passes the client class, so a Lambda bundle holds only the SDK clients its function
 * calls: the modules of `functions/lib/clients/` name the class and service once each.
 */
export type ClientFactory = <Client>(
  Class: new (options: PipelineClientOptions) => Client,
  service: ServiceName,
  region?: string,
) => Client;

/**
 * A {@link ClientFactory} honouring the endpoint overrides of {@link PipelineConfig} (emulated S3 also gets
 * path-style URLs), with `overrides` layered over every client (the local cloud's settings and the calling
 * function's credentials).
 */
export function clientFactory(
  config: Pick<PipelineConfig, 'region' | 'endpoints' | 'emulated'>,
  overrides: ClientOverrides = noOverrides,
): ClientFactory {
  const made = new Map<string, unknown>();
  return <Client>(
    Class: new (options: PipelineClientOptions) => Client,
    service: ServiceName,
    region = config.region,
  ): Client => {
    const key = `${service} ${region}`;
    if (!made.has(key)) {
      const options = { ...clientOptions({ ...config, region }, service), ...overrides(service) };
      made.set(
        key,
        new Class(service === 's3' && options.endpoint ? { ...options, ...EmulatedS3Options } : options),
      );
    }
    return made.get(key) as Client;
  };
}
