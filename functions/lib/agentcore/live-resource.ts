import {
  type BedrockAgentCoreControlClient,
  GetAgentRuntimeCommand,
  GetHarnessCommand,
  ListAgentRuntimesCommand,
  ListHarnessesCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { isOwned } from './ownership-tags.js';
import { callAgentCore, isNotFound } from './service-errors.js';

/** A harness or runtime as the control plane reports it now. */
export interface LiveResourceInfo {
  readonly name: string;
  readonly id: string;
  readonly arn: string;
  readonly version: string | null;
  readonly status: string;
  readonly failureReason: string | null;
}

/** Reads a resource by id; null when it no longer exists. */
export async function getLiveResource(
  client: BedrockAgentCoreControlClient,
  mode: 'harness' | 'runtime',
  id: string,
): Promise<LiveResourceInfo | null> {
  try {
    if (mode === 'harness') {
      const { harness } = await callAgentCore('GetHarness', () =>
        client.send(new GetHarnessCommand({ harnessId: id })),
      );
      return {
        name: harness!.harnessName!,
        id: harness!.harnessId!,
        arn: harness!.arn!,
        version: harness!.harnessVersion ?? null,
        status: harness!.status!,
        failureReason: harness!.failureReason ?? null,
      };
    }
    const runtime = await callAgentCore('GetAgentRuntime', () =>
      client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id })),
    );
    return {
      name: runtime.agentRuntimeName!,
      id: runtime.agentRuntimeId!,
      arn: runtime.agentRuntimeArn!,
      version: runtime.agentRuntimeVersion ?? null,
      status: runtime.status!,
      failureReason: runtime.failureReason ?? null,
    };
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Finds a resource by name (no STATE yet) and whether this stack and project own it. */
export async function findLiveResourceByName(
  client: BedrockAgentCoreControlClient,
  mode: 'harness' | 'runtime',
  name: string,
  owner: { stackName: string; project: string },
): Promise<(LiveResourceInfo & { owned: boolean }) | null> {
  const id = await findIdByName(client, mode, name);
  if (!id) return null;
  const live = await getLiveResource(client, mode, id);
  if (!live) return null;
  const { tags } = await callAgentCore('ListTagsForResource', () =>
    client.send(new ListTagsForResourceCommand({ resourceArn: live.arn })),
  );
  return { ...live, owned: isOwned(tags, owner.stackName, owner.project) };
}

async function findIdByName(
  client: BedrockAgentCoreControlClient,
  mode: 'harness' | 'runtime',
  name: string,
): Promise<string | null> {
  let nextToken: string | undefined;
  do {
    if (mode === 'harness') {
      const page = await callAgentCore('ListHarnesses', () =>
        client.send(new ListHarnessesCommand({ maxResults: 100, nextToken })),
      );
      const found = page.harnesses?.find((harness) => harness.harnessName === name);
      if (found) return found.harnessId!;
      nextToken = page.nextToken;
    } else {
      const page = await callAgentCore('ListAgentRuntimes', () =>
        client.send(new ListAgentRuntimesCommand({ maxResults: 100, nextToken })),
      );
      const found = page.agentRuntimes?.find((runtime) => runtime.agentRuntimeName === name);
      if (found) return found.agentRuntimeId!;
      nextToken = page.nextToken;
    }
  } while (nextToken);
  return null;
}
