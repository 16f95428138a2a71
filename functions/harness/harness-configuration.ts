import type {
  HarnessModelConfiguration,
  HarnessSkill,
  HarnessSystemContentBlock,
  HarnessTool,
} from '@aws-sdk/client-bedrock-agentcore-control';
import type { BuiltinToolType } from '../../core/plan/index.js';
import type { PlannedArtifact } from '../lib/planned-artifact.js';

/** The configuration sent on every create and update (UpdateHarness gets all of it: DESIGN §6). */
export interface HarnessConfigurationBody {
  readonly model: HarnessModelConfiguration;
  readonly systemPrompt: HarnessSystemContentBlock[];
  readonly tools: HarnessTool[];
  readonly skills: HarnessSkill[];
}

const BuiltinTools: Readonly<Record<BuiltinToolType, HarnessTool>> = {
  agentcore_browser: { type: 'agentcore_browser', name: 'browser', config: { agentCoreBrowser: {} } },
  agentcore_code_interpreter: {
    type: 'agentcore_code_interpreter',
    name: 'code_interpreter',
    config: { agentCoreCodeInterpreter: {} },
  },
};

/**
 * Maps a harness plan to the control-plane configuration: the entry agent's model and instruction,
 * remote MCP tools with their headers (`headers` already carry secret values: wire only), built-in
 * tools and skills from their S3 prefixes. `allowedTools` stays unset (DESIGN §7).
 */
export function harnessConfiguration(
  plan: PlannedArtifact,
  headers: ReadonlyMap<string, Readonly<Record<string, string>>>,
  artifactsBucket: string,
): HarnessConfigurationBody {
  const agent = plan.agents[0]!;
  const mcpTools = agent.mcp.map((server): HarnessTool => {
    const serverHeaders = headers.get(server.server) ?? server.headers;
    return {
      type: 'remote_mcp',
      name: server.server,
      config: {
        remoteMcp: {
          url: server.url,
          ...(Object.keys(serverHeaders).length > 0 ? { headers: serverHeaders } : {}),
        },
      },
    };
  });
  return {
    model: { bedrockModelConfig: { modelId: agent.model } },
    systemPrompt: [{ text: agent.instruction }],
    tools: [...mcpTools, ...plan.builtinToolTypes.map((type) => BuiltinTools[type])],
    skills: plan.skillBundles.map((skill) => ({ s3: { uri: `s3://${artifactsBucket}/${skill.s3Prefix}` } })),
  };
}
