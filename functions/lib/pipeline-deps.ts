import { readFile } from 'node:fs/promises';
import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore';
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { ArtifactStore } from './artifacts.js';
import { type ClientOverrides, clientOptions, createClients, type PipelineClients } from './clients.js';
import type { PipelineConfig } from './config.js';
import { createDeployStore, type DeployStore } from './store/index.js';

/** Everything a handler needs, built once per cold start (or once per local cloud). */
export interface PipelineDeps {
  readonly config: PipelineConfig;
  readonly clients: PipelineClients;
  readonly store: DeployStore;
  readonly artifacts: ArtifactStore;
  /** AgentCore clients for a plan's region (the stack's own region is the common case). */
  readonly agentCoreFor: (region: string) => {
    control: BedrockAgentCoreControlClient;
    data: BedrockAgentCoreClient;
  };
  /** The clock, injectable so tests and the local runner control time. */
  readonly now: () => Date;
  /** The pre-bundled runtime agent's bytes (`config.runtimeAgentPath`), read once, on the first code package. */
  readonly runtimeAgent: () => Promise<Uint8Array>;
}

/**
 * Builds handler dependencies from the configuration; `overrides` layers settings over every SDK client (the
 * local cloud's timeouts and retry delays); `runtimeAgent` replaces reading the bundle from
 * `config.runtimeAgentPath` (the local cloud bundles it on demand in a clone).
 */
export function createPipelineDeps(
  config: PipelineConfig,
  now: () => Date = () => new Date(),
  overrides?: ClientOverrides,
  runtimeAgent?: () => Promise<Uint8Array>,
): PipelineDeps {
  const clients = createClients(config, overrides);
  let agent: Promise<Uint8Array> | undefined;
  const regional = new Map<
    string,
    { control: BedrockAgentCoreControlClient; data: BedrockAgentCoreClient }
  >();
  return {
    config,
    clients,
    store: createDeployStore({ documents: clients.documents, tableName: config.tableName }),
    artifacts: new ArtifactStore(clients.s3, config.artifactsBucket),
    agentCoreFor: (region) => {
      if (region === config.region) return { control: clients.agentCoreControl, data: clients.agentCore };
      let pair = regional.get(region);
      if (!pair) {
        const regionConfig = { ...config, region };
        pair = {
          control: new BedrockAgentCoreControlClient({
            ...clientOptions(regionConfig, 'agentcorecontrol'),
            ...overrides?.('agentcorecontrol'),
          }),
          data: new BedrockAgentCoreClient({
            ...clientOptions(regionConfig, 'agentcore'),
            ...overrides?.('agentcore'),
          }),
        };
        regional.set(region, pair);
      }
      return pair;
    },
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
