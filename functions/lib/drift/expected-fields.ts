import type { HarnessTool } from '@aws-sdk/client-bedrock-agentcore-control';
import { harnessConfiguration } from '../../harness/harness-configuration.js';
import { runtimeDescription } from '../../runtime/runtime-configuration.js';
import type { PlannedArtifact } from '../planned-artifact.js';
import type { ProjectState } from '../store/index.js';

/** Compared fields by name (`model`, `systemPrompt`, `tags.agentdrop:project`, …) and their JSON values. */
export type DeploymentFields = Readonly<Record<string, unknown>>;

/**
 * What the last deploy set, as comparable fields: for a harness the configuration its request sent (built
 * by the same {@link harnessConfiguration} from the stored plan; MCP headers as their names only, never a
 * value); for a runtime the image by digest (or the code package at its version) and the description; the `live` endpoint's version; the
 * ownership tags (the stack's when `stackName` is known). Fields the plan sets are left out when the plan
 * could not be read.
 */
export function expectedFields(
  state: ProjectState,
  plan: PlannedArtifact | null,
  stackName: string | null,
): DeploymentFields {
  const fields: Record<string, unknown> = {};
  if (state.mode === 'harness' && plan !== null) {
    // No header values: the plan's templates are compared by header name only.
    const body = harnessConfiguration(plan, new Map(), '');
    fields.model = body.model.bedrockModelConfig?.modelId ?? null;
    fields.systemPrompt = body.systemPrompt.map((block) => block.text ?? null);
    fields.tools = body.tools.map(comparableTool);
    fields.skills = body.skills.map((skill) => skillKey(skill.s3?.uri));
  }
  if (state.mode === 'runtime') {
    fields.image = state.image;
    if (state.codePackage) fields.codePackage = state.codePackage;
    if (plan !== null) fields.description = runtimeDescription(plan);
  }
  if (state.live) fields['endpoint.live.version'] = state.live.version;
  fields['tags.agentdrop:project'] = state.project;
  if (stackName !== null) fields['tags.agentdrop:stack'] = stackName;
  return fields;
}

/** A tool without secret material: type, name, MCP URL and the sorted names of its headers. */
export function comparableTool(tool: HarnessTool): unknown {
  const mcp = tool.config?.remoteMcp;
  return {
    type: tool.type ?? null,
    name: tool.name ?? null,
    ...(mcp ? { url: mcp.url ?? null, headerNames: Object.keys(mcp.headers ?? {}).sort() } : {}),
  };
}

/** A skill's S3 key under its bucket (`skills/<name>/<hash>/`): the bucket is the stack's, not the plan's. */
export function skillKey(uri: string | undefined): string | null {
  if (uri === undefined) return null;
  return uri.replace(/^s3:\/\/[^/]*\//, '');
}
