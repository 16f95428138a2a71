import type { AgentRuntimeArtifact } from '@aws-sdk/client-bedrock-agentcore-control';
import { PipelineRuntimeVariables } from '../../core/plan/index.js';
import type { BuildResult, CodePackageRef } from '../lib/contract.js';
import { InvalidInputError } from '../lib/errors.js';
import type { PlannedArtifact } from '../lib/planned-artifact.js';

/** The full runtime configuration sent on every create and update (UpdateAgentRuntime is a full PUT). */
export interface RuntimeConfigurationBody {
  readonly agentRuntimeArtifact: AgentRuntimeArtifact;
  readonly roleArn: string;
  readonly networkConfiguration: { networkMode: 'PUBLIC' };
  readonly protocolConfiguration: { serverProtocol: 'HTTP' };
  readonly environmentVariables: Record<string, string>;
  readonly description: string;
}

/** What the runtime's environment carries beside the plan's: its memory, and whether it traces to X-Ray. */
export interface RuntimeEnvironmentSettings {
  /** The project's AgentCore Memory id; null when memory is off. */
  readonly memoryId: string | null;
  /** The stack's `agentTraces`: the agent exports its spans to X-Ray's OTLP endpoint, signed. */
  readonly agentTraces: boolean;
}

/** Where the runtime's program comes from: the image build's result, or the code package in the artifacts bucket. */
export type RuntimeSource =
  | { readonly kind: 'container'; readonly build: BuildResult }
  | { readonly kind: 'code'; readonly bucket: string; readonly codePackage: CodePackageRef };

/**
 * The artifact — the image by digest, never a tag (DESIGN §6), or the code package at its pinned S3 version on
 * AgentCore's managed Node 22 — and the environment: one variable per templated MCP header holding the secret's
 * ARN (spec §7.4), `AGENTDROP_FINGERPRINT`, so a rotation always makes a new version, the memory id when the
 * project has a memory and `AGENT_OBSERVABILITY_ENABLED=true` when the stack traces agents. No secret value.
 */
export function runtimeConfiguration(
  plan: PlannedArtifact,
  source: RuntimeSource,
  roleArn: string,
  settings: RuntimeEnvironmentSettings,
): RuntimeConfigurationBody {
  const environmentVariables: Record<string, string> = {
    [PipelineRuntimeVariables.Fingerprint]: plan.fingerprint ?? '',
  };
  if (settings.memoryId !== null) environmentVariables[PipelineRuntimeVariables.MemoryId] = settings.memoryId;
  if (settings.agentTraces) environmentVariables[PipelineRuntimeVariables.Observability] = 'true';
  for (const binding of plan.secretBindings) {
    if (binding.envVar)
      environmentVariables[binding.envVar] = plan.secretArns[binding.name] ?? binding.secretId;
  }
  return {
    agentRuntimeArtifact:
      source.kind === 'code' ? codeArtifact(plan, source) : containerArtifact(source.build),
    roleArn,
    networkConfiguration: { networkMode: 'PUBLIC' },
    protocolConfiguration: { serverProtocol: 'HTTP' },
    environmentVariables,
    description: runtimeDescription(plan),
  };
}

function containerArtifact(build: BuildResult): AgentRuntimeArtifact {
  const variable = (name: string) => build.exportedEnvironmentVariables.find((v) => v.Name === name)?.Value;
  const imageUri = variable('IMAGE_URI');
  const digest = variable('IMAGE_DIGEST');
  if (!imageUri || !digest) {
    throw new InvalidInputError('The image build exported no IMAGE_URI and IMAGE_DIGEST.', {
      buildId: build.buildId,
    });
  }
  return { containerConfiguration: { containerUri: `${imageUri.replace(/:[^:/@]+$/, '')}@${digest}` } };
}

/** `prefix` is the zip's object key (agentcore-api.md §3 S3Location); the version is pinned when the bucket has one. */
function codeArtifact(
  plan: PlannedArtifact,
  source: Extract<RuntimeSource, { kind: 'code' }>,
): AgentRuntimeArtifact {
  if (plan.code === undefined) {
    throw new InvalidInputError(`The plan for ${plan.project} has no code package.`, {
      project: plan.project,
    });
  }
  const { key, versionId } = source.codePackage;
  return {
    codeConfiguration: {
      code: { s3: { bucket: source.bucket, prefix: key, ...(versionId ? { versionId } : {}) } },
      runtime: plan.code.runtime,
      entryPoint: [...plan.code.entryPoint],
    },
  };
}

/** The runtime's description: the project and its root agent's description (at most 4096 characters). */
export function runtimeDescription(plan: PlannedArtifact): string {
  const root = plan.agents.find((agent) => agent.name === plan.root);
  return `agentdrop ${plan.project}: ${root?.description ?? plan.root}`.slice(0, 4096);
}
