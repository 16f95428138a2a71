import { type Diagnostic, makeDiagnostic } from '../../diagnostics/index.js';
import type { Plan } from '../types.js';
import { AgentCoreRegionsSource, HarnessRegions, RuntimeRegions } from './agentcore-regions.js';
import { InferenceGeoAccepts, InferenceGeosSource } from './inference-geos.js';

/** What the stack allows a plan to target. */
export interface TargetLimits {
  /** The regions the stack may deploy to (its `agentCoreRegions`): IAM and execution roles are scoped to them. */
  readonly allowedRegions: readonly string[];
}

/**
 * The checks the pipeline runs on a deployable plan before anything is touched (no AgentCore, Secrets
 * Manager or build call): the target region is one the stack may deploy to and serves the plan's kind of
 * agent, and every agent's model can be called from that region. Each failure is an error diagnostic with
 * its own code; none of them is in the plan's hash.
 */
export function preflightTarget(plan: Plan, limits: TargetLimits): Diagnostic[] {
  const { region, mode } = plan;
  const found: Diagnostic[] = [];
  if (!limits.allowedRegions.includes(region)) {
    found.push(
      makeDiagnostic(
        'region.not_allowed',
        'region',
        `Region ${region} is not one the stack deploys to (${limits.allowedRegions.join(', ')}); deploy the stack with it in agentCoreRegions or choose one of those.`,
      ),
    );
  }
  const served = mode === 'harness' ? HarnessRegions : RuntimeRegions;
  if (mode !== null && !served.has(region)) {
    found.push(
      makeDiagnostic(
        'region.unsupported',
        'region',
        `AgentCore does not serve ${mode === 'harness' ? 'harnesses' : 'runtimes'} in ${region} (${AgentCoreRegionsSource.url}, read ${AgentCoreRegionsSource.readOn}).`,
      ),
    );
  }
  for (const agent of plan.agents) {
    const problem = modelProblem(agent.model, region);
    if (problem !== null) {
      found.push(makeDiagnostic('model.unavailable_in_region', `agents/${agent.name}`, problem));
    }
  }
  return found;
}

/** Why `model` cannot be called from `region`, or null when it can (or agentdrop cannot tell). */
function modelProblem(model: string, region: string): string | null {
  if (model.startsWith('arn:')) {
    // Model, inference-profile and application-profile ARNs are regional; an empty region is a global resource.
    const arnRegion = model.split(':')[3] ?? '';
    return arnRegion !== '' && arnRegion !== region
      ? `Model ${model} belongs to ${arnRegion}; an agent in ${region} cannot call it.`
      : null;
  }
  const geo = /^(us-gov|us|eu|apac|jp|au|ca|global)\./.exec(model)?.[1];
  const accepts = geo === undefined ? undefined : InferenceGeoAccepts[geo];
  if (accepts === undefined || accepts(region)) return null;
  return `Inference profile ${model} (${geo}) cannot be called from ${region} (${InferenceGeosSource.url}, read ${InferenceGeosSource.readOn}); use a profile of ${region}'s geography or a \`global.\` one.`;
}
