import {
  type BedrockAgentCoreControlClient,
  ListAgentRuntimesCommand,
  ListHarnessesCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { NameLimits, resourceName } from '../../core/plan/index.js';
import { LocalStack as LocalStackNames } from '../../local/pipeline/index.js';

/** A harness or runtime as the control plane lists it. */
export interface AgentCoreResource {
  readonly kind: 'harness' | 'runtime';
  readonly name: string;
  readonly id: string;
  readonly arn: string;
  readonly status: string;
}

const tagCache = new Map<string, Readonly<Record<string, string>>>();

/** Every harness and runtime not being deleted, through the SDK (all pages). */
export async function listAgentCoreResources(
  control: BedrockAgentCoreControlClient,
): Promise<AgentCoreResource[]> {
  const resources: AgentCoreResource[] = [];
  let nextToken: string | undefined;
  do {
    const page = await control.send(new ListHarnessesCommand({ maxResults: 100, nextToken }));
    for (const harness of page.harnesses ?? []) {
      resources.push({
        kind: 'harness',
        name: harness.harnessName ?? '',
        id: harness.harnessId ?? '',
        arn: harness.arn ?? '',
        status: String(harness.status),
      });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  do {
    const page = await control.send(new ListAgentRuntimesCommand({ maxResults: 100, nextToken }));
    for (const runtime of page.agentRuntimes ?? []) {
      resources.push({
        kind: 'runtime',
        name: runtime.agentRuntimeName ?? '',
        id: runtime.agentRuntimeId ?? '',
        arn: runtime.agentRuntimeArn ?? '',
        status: String(runtime.status),
      });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return resources.filter((resource) => resource.status !== 'DELETING');
}

/** The resources tagged for the project by this stack; names narrow the tag lookups (spec §6 naming). */
export async function ownedResources(
  control: BedrockAgentCoreControlClient,
  resources: readonly AgentCoreResource[],
  project: string,
): Promise<AgentCoreResource[]> {
  const prefix = resourceName(project, '', 'harness').full;
  const owned: AgentCoreResource[] = [];
  for (const resource of resources) {
    const truncated = resource.name.length === NameLimits[resource.kind];
    if (!resource.name.startsWith(prefix) && !truncated) continue;
    let tags = tagCache.get(resource.arn);
    if (tags === undefined) {
      tags = (await control.send(new ListTagsForResourceCommand({ resourceArn: resource.arn }))).tags ?? {};
      tagCache.set(resource.arn, tags);
    }
    if (tags['agentdrop:project'] === project && tags['agentdrop:stack'] === LocalStackNames.stackName) {
      owned.push(resource);
    }
  }
  return owned;
}
