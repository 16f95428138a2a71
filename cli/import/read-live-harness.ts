import {
  GetHarnessCommand,
  type Harness,
  type HarnessModelConfiguration,
  type HarnessTool,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { urlHasCredential, withoutUrlCredentials } from '../../core/folder/index.js';
import type { LiveHarness, LiveMcpServer, LiveSkill } from '../../core/import/index.js';
import { callAgentCore } from '../../functions/lib/agentcore/index.js';
import type { DeployTarget } from '../target/deploy-target.js';
import { UsageError } from '../usage-error.js';

/** A harness ARN's parts (reference/agentcore-api.md `HarnessArn`). */
export interface HarnessArn {
  readonly arn: string;
  readonly region: string;
  readonly harnessId: string;
}

const HarnessArnPattern =
  /^arn:[^:]*:bedrock-agentcore:([a-z0-9-]+):[0-9]{12}:harness\/([a-zA-Z][a-zA-Z0-9_]{0,39}-[a-zA-Z0-9]{10})$/;

/**
 * Parses a harness ARN given on the command line.
 * @throws UsageError when it is not one
 */
export function parseHarnessArn(arn: string): HarnessArn {
  const match = HarnessArnPattern.exec(arn);
  if (!match) throw new UsageError(`not a project name or a harness ARN: ${arn}`);
  return { arn, region: match[1]!, harnessId: match[2]! };
}

/** A live harness and its tags. */
export interface LiveHarnessRead {
  readonly harness: LiveHarness;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * Reads a harness with GetHarness and ListTagsForResource, and its S3 skills from their prefixes. Header values
 * (secrets, resolved in the harness) are dropped here: only header names leave this function.
 * @throws AgentCore errors (ResourceNotFoundException for an unknown harness)
 */
export async function readLiveHarness(target: DeployTarget, arn: HarnessArn): Promise<LiveHarnessRead> {
  const control = target.agentCoreControl(arn.region);
  const { harness } = await callAgentCore('GetHarness', () =>
    control.send(new GetHarnessCommand({ harnessId: arn.harnessId })),
  );
  const { tags } = await callAgentCore('ListTagsForResource', () =>
    control.send(new ListTagsForResourceCommand({ resourceArn: harness!.arn ?? arn.arn })),
  );
  const unsupported: string[] = [];
  const mcp: LiveMcpServer[] = [];
  const builtinToolTypes: string[] = [];
  for (const tool of harness?.tools ?? []) {
    const server = remoteMcp(tool, unsupported);
    if (server) mcp.push(server);
    else if (tool.type === 'agentcore_browser') builtinToolTypes.push(tool.type);
    else unsupported.push(`tool ${tool.type}${tool.name ? ` '${tool.name}'` : ''}`);
  }
  const skills: LiveSkill[] = [];
  for (const skill of harness?.skills ?? []) {
    const location = skill.s3?.uri ? /^s3:\/\/([^/]+)\/(.*)$/.exec(skill.s3.uri) : null;
    if (!location) {
      unsupported.push(`a skill from ${Object.keys(skill).find((key) => key !== '$unknown') ?? 'elsewhere'}`);
      continue;
    }
    const prefix = location[2]!.endsWith('/') ? location[2]! : `${location[2]!}/`;
    skills.push({ uri: skill.s3!.uri!, files: await target.readObjects(location[1]!, prefix) });
  }
  return {
    harness: {
      harnessName: harness?.harnessName ?? arn.harnessId,
      region: arn.region,
      modelId: modelId(harness?.model, unsupported),
      systemPrompt: (harness?.systemPrompt ?? []).flatMap((block) => (block.text ? [block.text] : [])),
      mcp,
      builtinToolTypes,
      skills,
      memory: memoryEnabled(harness, unsupported),
      unsupported: [...unsupported, ...otherSettings(harness)],
    },
    tags: tags ?? {},
  };
}

/** A remote MCP tool, its header names only, credentials stripped from its URL. */
function remoteMcp(tool: HarnessTool, unsupported: string[]): LiveMcpServer | null {
  const config = tool.config?.remoteMcp;
  if (tool.type !== 'remote_mcp' || !config?.url) return null;
  const server = tool.name ?? new URL(config.url).hostname.replace(/[^A-Za-z0-9_-]/g, '_');
  let url = config.url;
  try {
    const parsed = new URL(config.url);
    if (urlHasCredential(parsed)) {
      url = withoutUrlCredentials(parsed).toString();
      unsupported.push(`credentials in the URL of MCP server '${server}' (removed; use a header template)`);
    }
  } catch {
    // An unparsable URL is kept as the harness has it: planning the folder reports it (mcp.invalid_url).
  }
  return { server, url, headerNames: Object.keys(config.headers ?? {}) };
}

function modelId(model: HarnessModelConfiguration | undefined, unsupported: string[]): string {
  const [provider, config] = Object.entries(model ?? {}).find(([key]) => key !== '$unknown') ?? [];
  if (provider !== 'bedrockModelConfig') unsupported.push(`the model provider ${provider ?? '(none)'}`);
  const settings = (config ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(settings)) {
    if (key !== 'modelId' && settings[key] !== undefined) unsupported.push(`the model's ${key}`);
  }
  return typeof settings.modelId === 'string' ? settings.modelId : '';
}

function memoryEnabled(harness: Harness | undefined, unsupported: string[]): boolean {
  const memory = harness?.memory;
  // Managed memory's strategies are the service's choice for a folder too (spec §1.3 `memory.strategies`).
  if (memory?.managedMemoryConfiguration) return true;
  if (memory?.agentCoreMemoryConfiguration) unsupported.push('an AgentCore Memory of its own');
  return false;
}

/** Settings agentdrop never sets; `truncation` and `environment` are filled by the service. */
function otherSettings(harness: Harness | undefined): string[] {
  if (!harness) return [];
  const set: string[] = [];
  const allowed = harness.allowedTools ?? [];
  if (allowed.length > 0 && !(allowed.length === 1 && allowed[0] === '*')) set.push('allowedTools');
  const names = Object.keys(harness.environmentVariables ?? {});
  if (names.length > 0) set.push(`environment variables (${names.join(', ')})`);
  for (const key of [
    'environmentArtifact',
    'authorizerConfiguration',
    'hooks',
    'maxIterations',
    'maxTokens',
    'timeoutSeconds',
  ] as const) {
    const value: unknown = harness[key];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) set.push(key);
  }
  return set;
}
