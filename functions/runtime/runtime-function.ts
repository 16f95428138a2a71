import {
  type BedrockAgentCoreControlClient,
  CreateAgentRuntimeCommand,
  DeleteAgentRuntimeCommand,
  UpdateAgentRuntimeCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import {
  adoptByName,
  callAgentCore,
  createOrAdopt,
  mutateUnlessBusy,
  ownershipTags,
} from '../lib/agentcore/index.js';
import { checkPlanRev } from '../lib/check-plan-rev.js';
import { clientToken } from '../lib/client-token.js';
import { agentCoreControl } from '../lib/clients/agentcore-control.js';
import type { BuildResult, PlanDecision, PollResult, ResourceInput } from '../lib/contract.js';
import { InvalidInputError } from '../lib/errors.js';
import type { PipelineDeps } from '../lib/pipeline-deps.js';
import type { PlannedArtifact } from '../lib/planned-artifact.js';
import { nextDelaySeconds } from '../lib/poll-result.js';
import { deleteResource, pollResourceStatus, promoteLive } from '../lib/resource-actions.js';
import { resourceRegion } from '../lib/resource-region.js';
import { pruneRuntimeVersions } from './prune-runtime-versions.js';
import {
  type RuntimeConfigurationBody,
  type RuntimeSource,
  runtimeConfiguration,
} from './runtime-configuration.js';

interface RuntimeAnswer {
  agentRuntimeArn?: string;
  agentRuntimeId?: string;
  agentRuntimeVersion?: string;
  status?: string;
}

/** The Runtime function: deploy, status, promote and delete of one AgentCore Runtime (docs/state-machine.md §2.3). */
export function createRuntimeFunction(deps: PipelineDeps) {
  return async (event: ResourceInput): Promise<PollResult> => {
    switch (event.action) {
      case 'deploy':
        return deployRuntime(event.plan, runtimeSource(event.plan, event.build, deps), deps);
      case 'status':
        return pollResourceStatus(deps, 'runtime', event);
      case 'promote':
        return promoteAndPrune(event, deps);
      case 'delete':
        return deleteResource(
          deps,
          { operation: 'DeleteAgentRuntime', mode: 'runtime' },
          event,
          (control, id) => control.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: id })),
        );
      default:
        throw new InvalidInputError(
          `Unknown runtime action ${JSON.stringify((event as { action?: unknown }).action)}.`,
        );
    }
  };
}

/** The code package the plan wrote, or the image build's result (BuildImage ran: the artifact is a container). */
function runtimeSource(
  decision: PlanDecision,
  build: BuildResult | undefined,
  deps: PipelineDeps,
): RuntimeSource {
  if (decision.artifact === 'code') {
    if (!decision.artifacts.codePackage)
      throw new InvalidInputError('A code runtime deploy needs its code package.');
    return { kind: 'code', bucket: deps.artifacts.bucket, codePackage: decision.artifacts.codePackage };
  }
  if (!build?.buildId) throw new InvalidInputError('A runtime deploy needs the image build result.');
  return { kind: 'container', build };
}

/**
 * The `promote` action: {@link promoteLive}, then, once `live` serves a deployed version, the clean-up of versions
 * beyond the stack's `versionRetention` ({@link pruneRuntimeVersions}, never failing the run). Always answers
 * `versionCleanup` (null while `live` moves, and unless the run updated the runtime): the state reads it.
 */
async function promoteAndPrune(
  event: { plan: PlanDecision; poll: PollResult },
  deps: PipelineDeps,
): Promise<PollResult> {
  const promoted = await promoteLive(deps, 'runtime', event);
  // Only an update adds a version to a runtime that has older ones; a new runtime has one, a rollback adds none.
  if (promoted.status !== 'READY' || event.plan.decision !== 'update' || !promoted.live) {
    return { ...promoted, versionCleanup: null };
  }
  const { resource } = promoted;
  const versionCleanup = await pruneRuntimeVersions(
    agentCoreControl(deps, resourceRegion(event.plan, resource).region),
    {
      runtimeId: resource.id!,
      liveVersion: promoted.live.version,
      // STATE still holds the passed versions from before this run (the record step adds this one).
      passedVersions: async () => {
        const state = await deps.store.state.getState(event.plan.project);
        return state?.resource.id === resource.id ? (state.passedVersions ?? []) : [];
      },
      retention: deps.config.versionRetention,
      deployId: event.plan.deployId,
    },
  );
  return { ...promoted, versionCleanup };
}

async function deployRuntime(
  decision: PlanDecision,
  source: RuntimeSource,
  deps: PipelineDeps,
): Promise<PollResult> {
  await checkPlanRev(deps.store.state, decision.project, decision.rev);
  const plan = await deps.artifacts.getJson<PlannedArtifact>(decision.artifacts.planKey!);
  const control = agentCoreControl(deps, plan.region);
  const body = runtimeConfiguration(plan, source, deps.config.runtimeRoleArn);
  let answer: RuntimeAnswer;
  let id: string;
  if (decision.decision === 'update') {
    id = decision.resource.id ?? (await adoptByName(control, 'runtime', plan.name!, owner(plan, deps))).id;
    answer = await updateRuntime(control, id, updateToken(decision, plan), body);
  } else {
    answer = await createRuntime(control, decision, plan, body, deps);
    id = answer.agentRuntimeId!;
  }
  return {
    resource: {
      name: plan.name,
      id: answer.agentRuntimeId ?? id,
      arn: answer.agentRuntimeArn ?? null,
      version: answer.agentRuntimeVersion ?? null,
    },
    status: answer.status === 'READY' ? 'READY' : answer.status === 'UPDATING' ? 'UPDATING' : 'CREATING',
    failureReason: null,
    attempt: 0,
    delaySeconds: nextDelaySeconds(0),
  };
}

/**
 * Creates the runtime with a deterministic clientToken; our own runtime holding the name is adopted
 * and updated; a refused token (its runtime was deleted) is dropped once (DESIGN §6).
 */
async function createRuntime(
  control: BedrockAgentCoreControlClient,
  decision: PlanDecision,
  plan: PlannedArtifact,
  body: RuntimeConfigurationBody,
  deps: PipelineDeps,
): Promise<RuntimeAnswer> {
  const send = (token: string | undefined) =>
    callAgentCore(
      'CreateAgentRuntime',
      () =>
        control.send(
          new CreateAgentRuntimeCommand({
            agentRuntimeName: plan.name!,
            ...body,
            ...(token ? { clientToken: token } : {}),
            tags: ownershipTags(deps.config.stackName, plan.project),
          }),
        ),
      { executionRoleArn: body.roleArn },
    );
  return createOrAdopt(clientToken(decision.deployId, plan.name!, 'runtime'), send, async () => {
    const adopted = await adoptByName(control, 'runtime', plan.name!, owner(plan, deps));
    return updateRuntime(control, adopted.id, updateToken(decision, plan), body);
  });
}

/**
 * A full PUT with a deterministic clientToken: retried after it landed (a Step Functions retry), AgentCore
 * replays the first answer instead of making another version.
 */
async function updateRuntime(
  control: BedrockAgentCoreControlClient,
  agentRuntimeId: string,
  token: string,
  body: RuntimeConfigurationBody,
): Promise<RuntimeAnswer> {
  return mutateUnlessBusy(
    control,
    { operation: 'UpdateAgentRuntime', mode: 'runtime', id: agentRuntimeId },
    () => control.send(new UpdateAgentRuntimeCommand({ agentRuntimeId, clientToken: token, ...body })),
  );
}

function updateToken(decision: PlanDecision, plan: PlannedArtifact): string {
  return clientToken(decision.deployId, plan.name!, 'runtime-update', String(decision.replans));
}

function owner(plan: PlannedArtifact, deps: PipelineDeps): { stackName: string; project: string } {
  return { stackName: deps.config.stackName, project: plan.project };
}
