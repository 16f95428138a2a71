import { readFile } from 'node:fs/promises';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ArtifactStore } from './artifacts.js';
import { documentsClient } from './clients/documents.js';
import { s3Client } from './clients/s3.js';
import { type ClientFactory, type ClientOverrides, clientFactory } from './clients.js';
import type { PipelineConfig } from './config.js';
import { createDeployStore, type DeployStore } from './store/index.js';

/** Everything a handler needs, built once per cold start (or once per local cloud). */
export interface PipelineDeps {
  readonly config: PipelineConfig;
  /**
   * The SDK client of a service, built on first use: through the modules of `functions/lib/clients/`, so
   * each function's bundle holds only the clients it calls.
   */
  readonly client: ClientFactory;
  /** The document client of the stack's table, which {@link store} writes through. */
  readonly documents: DynamoDBDocumentClient;
  readonly store: DeployStore;
  readonly artifacts: ArtifactStore;
  /** The clock, injectable so tests and the local runner control time. */
  readonly now: () => Date;
  /** The pre-bundled runtime agent's bytes (`config.runtimeAgentPath`), read once, on the first code package. */
  readonly runtimeAgent: () => Promise<Uint8Array>;
}

/**
 * Builds handler dependencies from the configuration; `overrides` layers settings over every SDK client (the
 * local cloud's timeouts and retry delays, and the calling function's credentials); `runtimeAgent` replaces
 * reading the bundle from `config.runtimeAgentPath` (the local cloud bundles it on demand in a clone).
 */
export function createPipelineDeps(
  config: PipelineConfig,
  now: () => Date = () => new Date(),
  overrides?: ClientOverrides,
  runtimeAgent?: () => Promise<Uint8Array>,
): PipelineDeps {
  const client = clientFactory(config, overrides);
  const documents = documentsClient(client);
  let agent: Promise<Uint8Array> | undefined;
  return {
    config,
    client,
    documents,
    store: createDeployStore({ documents, tableName: config.tableName }),
    artifacts: new ArtifactStore(s3Client({ client }), config.artifactsBucket),
    now,
    runtimeAgent:
      runtimeAgent ??
      (() => {
        agent ??= readFile(config.runtimeAgentPath).then(
          (bytes) => new Uint8Array(bytes),
          (error: unknown) => {
            agent = undefined;
            throw error;
          },
        );
        return agent;
      }),
  };
}
