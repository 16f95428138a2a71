import {
  type BedrockAgentCoreControlClient,
  GetAgentRuntimeCommand,
  GetHarnessCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { listResources, type ResourceSummary } from './count-resources.js';
import { isOwned, ownerOf } from './ownership-tags.js';
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

/**
 * Finds a resource by name (no STATE yet), whether this stack and project own it and who its tags name; in `listed` when the caller
 * has listed the account's resources already.
 */
export async function findLiveResourceByName(
  client: BedrockAgentCoreControlClient,
  mode: 'harness' | 'runtime',
  name: string,
  owner: { stackName: string; project: string },
  listed?: readonly ResourceSummary[],
): Promise<(LiveResourceInfo & { owned: boolean; owner: string | null }) | null> {
  const id = (listed ?? (await listResources(client, mode))).find((resource) => resource.name === name)?.id;
  if (!id) return null;
  const live = await getLiveResource(client, mode, id);
  if (!live) return null;
  const { tags } = await callAgentCore('ListTagsForResource', () =>
    client.send(new ListTagsForResourceCommand({ resourceArn: live.arn })),
  );
  return { ...live, owned: isOwned(tags, owner.stackName, owner.project), owner: ownerOf(tags) };
}
