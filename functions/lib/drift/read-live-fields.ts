import {
  type BedrockAgentCoreControlClient,
  GetAgentRuntimeCommand,
  GetHarnessCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { callAgentCore, getNamedEndpoint, isNotFound, LiveEndpoint } from '../agentcore/index.js';
import { codePackageUri } from '../artifacts.js';
import type { ProjectState } from '../store/index.js';
import { comparableTool, type DeploymentFields, skillKey } from './expected-fields.js';

/**
 * The STATE resource's fields as the control plane reports them now (read-only: GetHarness or
 * GetAgentRuntime, the `live` endpoint, ListTagsForResource), in the shape of {@link expectedFields};
 * null when the resource no longer exists.
 */
export async function readLiveFields(
  control: BedrockAgentCoreControlClient,
  state: ProjectState,
): Promise<DeploymentFields | null> {
  const id = state.resource.id;
  if (!id) return null;
  const fields: Record<string, unknown> = {};
  let arn: string;
  try {
    if (state.mode === 'harness') {
      const { harness } = await callAgentCore('GetHarness', () =>
        control.send(new GetHarnessCommand({ harnessId: id })),
      );
      arn = harness!.arn!;
      fields.model = harness!.model?.bedrockModelConfig?.modelId ?? null;
      fields.systemPrompt = (harness!.systemPrompt ?? []).map((block) => block.text ?? null);
      fields.tools = (harness!.tools ?? []).map(comparableTool);
      fields.skills = (harness!.skills ?? []).map((skill) => skillKey(skill.s3?.uri));
    } else {
      const runtime = await callAgentCore('GetAgentRuntime', () =>
        control.send(new GetAgentRuntimeCommand({ agentRuntimeId: id })),
      );
      arn = runtime.agentRuntimeArn!;
      fields.image = runtime.agentRuntimeArtifact?.containerConfiguration?.containerUri ?? null;
      const code = runtime.agentRuntimeArtifact?.codeConfiguration?.code?.s3;
      fields.codePackage =
        code?.bucket && code.prefix
          ? codePackageUri({ bucket: code.bucket, key: code.prefix, versionId: code.versionId ?? null })
          : null;
      fields.description = runtime.description ?? null;
    }
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  const live = await getNamedEndpoint(control, state.mode, id, LiveEndpoint);
  fields['endpoint.live.version'] = live ? (live.liveVersion ?? live.targetVersion) : null;
  const { tags } = await callAgentCore('ListTagsForResource', () =>
    control.send(new ListTagsForResourceCommand({ resourceArn: arn })),
  );
  for (const [key, value] of Object.entries(tags ?? {})) fields[`tags.${key}`] = value;
  return fields;
}
