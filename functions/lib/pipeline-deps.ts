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
}

/**
 * Builds handler dependencies from the configuration; `overrides` layers settings over every SDK client (the
 * local cloud's timeouts and retry delays, and the calling function's credentials).
 */
export function createPipelineDeps(
  config: PipelineConfig,
  now: () => Date = () => new Date(),
  overrides?: ClientOverrides,
): PipelineDeps {
  const client = clientFactory(config, overrides);
  const documents = documentsClient(client);
  return {
    config,
    client,
    documents,
    store: createDeployStore({ documents, tableName: config.tableName }),
    artifacts: new ArtifactStore(s3Client({ client }), config.artifactsBucket),
    now,
  };
}
