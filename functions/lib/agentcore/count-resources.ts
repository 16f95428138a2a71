import {
  type BedrockAgentCoreControlClient,
  ListAgentRuntimeEndpointsCommand,
  ListAgentRuntimesCommand,
  ListAgentRuntimeVersionsCommand,
  ListHarnessEndpointsCommand,
  ListHarnessesCommand,
  ListHarnessVersionsCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { callAgentCore } from './service-errors.js';

/** A page of a list call: its items and the token of the next page. */
type Page<T> = { readonly items: readonly T[] | undefined; readonly nextToken: string | undefined };

/** Reads every page of one list call (pages of 100, the API's maximum). */
async function listAll<T>(read: (nextToken: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let nextToken: string | undefined;
  do {
    const page = await read(nextToken);
    all.push(...(page.items ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return all;
}

/** A harness or runtime as its list call names it. */
export interface ResourceSummary {
  readonly id: string;
  readonly name: string;
}

/**
 * Every harness or runtime the account has in the client's region: one listing serves both a first deploy's
 * look for a resource holding its name and the quota count.
 */
export async function listResources(
  client: BedrockAgentCoreControlClient,
  mode: 'harness' | 'runtime',
): Promise<ResourceSummary[]> {
  if (mode === 'harness') {
    const harnesses = await listAll(async (nextToken) => {
      const page = await callAgentCore('ListHarnesses', () =>
        client.send(new ListHarnessesCommand({ maxResults: 100, nextToken })),
      );
      return { items: page.harnesses, nextToken: page.nextToken };
    });
    return harnesses.map((harness) => ({ id: harness.harnessId!, name: harness.harnessName! }));
  }
  const runtimes = await listAll(async (nextToken) => {
    const page = await callAgentCore('ListAgentRuntimes', () =>
      client.send(new ListAgentRuntimesCommand({ maxResults: 100, nextToken })),
    );
    return { items: page.agentRuntimes, nextToken: page.nextToken };
  });
  return runtimes.map((runtime) => ({ id: runtime.agentRuntimeId!, name: runtime.agentRuntimeName! }));
}

/** The versions of one harness or runtime (version strings, in the order the API lists them). */
export async function listVersions(
  client: BedrockAgentCoreControlClient,
  mode: 'harness' | 'runtime',
  id: string,
): Promise<string[]> {
  if (mode === 'harness') {
    const versions = await listAll(async (nextToken) => {
      const page = await callAgentCore('ListHarnessVersions', () =>
        client.send(new ListHarnessVersionsCommand({ harnessId: id, maxResults: 100, nextToken })),
      );
      return { items: page.harnessVersions, nextToken: page.nextToken };
    });
    return versions.map((version) => version.harnessVersion!);
  }
  const versions = await listAll(async (nextToken) => {
    const page = await callAgentCore('ListAgentRuntimeVersions', () =>
      client.send(new ListAgentRuntimeVersionsCommand({ agentRuntimeId: id, maxResults: 100, nextToken })),
    );
    return { items: page.agentRuntimes, nextToken: page.nextToken };
  });
  return versions.map((version) => version.agentRuntimeVersion!);
}

/**
 * The named endpoints of one harness or runtime. A runtime's `DEFAULT` endpoint, which AgentCore makes with
 * the runtime and which cannot be deleted, is left out: agentdrop counts only the endpoints a deploy can add.
 */
export async function listEndpointNames(
  client: BedrockAgentCoreControlClient,
  mode: 'harness' | 'runtime',
  id: string,
): Promise<string[]> {
  if (mode === 'harness') {
    const endpoints = await listAll(async (nextToken) => {
      const page = await callAgentCore('ListHarnessEndpoints', () =>
        client.send(new ListHarnessEndpointsCommand({ harnessId: id, maxResults: 100, nextToken })),
      );
      return { items: page.endpoints, nextToken: page.nextToken };
    });
    return endpoints.map((endpoint) => endpoint.endpointName!);
  }
  const endpoints = await listAll(async (nextToken) => {
    const page = await callAgentCore('ListAgentRuntimeEndpoints', () =>
      client.send(new ListAgentRuntimeEndpointsCommand({ agentRuntimeId: id, maxResults: 100, nextToken })),
    );
    return { items: page.runtimeEndpoints, nextToken: page.nextToken };
  });
  return endpoints.map((endpoint) => endpoint.name!).filter((name) => name !== 'DEFAULT');
}
