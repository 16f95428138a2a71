import { Logger } from '@aws-lambda-powertools/logger';
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
import { InvalidInputError, ResourceTimedOutError } from '../lib/errors.js';
import { deliverAgentLogs, removeAgentLogs, removeRecreatedAgentLogs } from '../lib/log-delivery/index.js';
import type { PipelineDeps } from '../lib/pipeline-deps.js';
import type { PlannedArtifact } from '../lib/planned-artifact.js';
import { MaxStatusChecks, nextDelaySeconds } from '../lib/poll-result.js';
import { deleteResource, pollResourceStatus, promoteLive } from '../lib/resource-actions.js';
import { resourceRegion } from '../lib/resource-region.js';
import { deleteProjectMemory, ensureProjectMemory, isMemoryActive } from './project-memory.js';
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

/**
 * The Runtime function: deploy, status, promote and delete of one AgentCore Runtime (docs/state-machine.md §2.3),
 * with the project's AgentCore Memory when the plan enables it (spec §8): ensured before the runtime is created
 * or updated, waited for by `status`, deleted by the teardown.
 */
export function createRuntimeFunction(
  deps: PipelineDeps,
  logger: Pick<Logger, 'warn'> = new Logger({ serviceName: 'agentdrop-runtime' }),
) {
  return async (event: ResourceInput): Promise<PollResult> => {
    switch (event.action) {
      case 'deploy':
        return deployRuntime(event.plan, runtimeSource(event.plan, event.build, deps), deps, logger);
      case 'status':
        return runtimeStatus(event, deps);
      case 'promote':
        return promoteAndPrune(event, deps, logger);
      case 'delete': {
        const deleted = await deleteResource(
          deps,
          { operation: 'DeleteAgentRuntime', mode: 'runtime' },
          event,
          (control, id) => control.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: id })),
        );
        await removeAgentLogs(deps, event.resource.id, logger);
        // The memory outlives a replaced runtime (the new one uses it) unless the project leaves Runtime.
        if (event.plan.action === 'destroy' || event.plan.mode !== 'runtime') {
          const { region } = resourceRegion(event.plan, event.resource);
          await deleteProjectMemory(
            agentCoreControl(deps, region),
            owner(event.plan, deps),
            event.plan.deployId,
          );
        }
        return deleted;
      }
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
  logger: Pick<Logger, 'warn'>,
): Promise<PollResult> {
  const promoted = await promoteLive(deps, 'runtime', event);
  if (promoted.status === 'READY' && promoted.live)
    await deleteMemoryTurnedOff(event, promoted, deps, logger);
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

/** The runtime's status; a READY runtime whose memory is not ACTIVE yet is still UPDATING (the state waits). */
async function runtimeStatus(
  event: Extract<ResourceInput, { action: 'status' }>,
  deps: PipelineDeps,
): Promise<PollResult> {
  const result = await pollResourceStatus(deps, 'runtime', event);
  const memoryId = event.poll.resource.memoryId;
  if (result.status !== 'READY' || event.plan.action !== 'deploy' || !memoryId) return result;
  const { region } = resourceRegion(event.plan, result.resource);
  if (await isMemoryActive(agentCoreControl(deps, region), memoryId)) return result;
  if (result.attempt >= MaxStatusChecks) {
    throw new ResourceTimedOutError({ resource: memoryId, status: 'CREATING', attempts: result.attempt });
  }
  return { ...result, status: 'UPDATING' };
}

async function deployRuntime(
  decision: PlanDecision,
  source: RuntimeSource,
  deps: PipelineDeps,
  logger: Pick<Logger, 'warn'>,
): Promise<PollResult> {
  await checkPlanRev(deps.store.state, decision.project, decision.rev);
  const plan = await deps.artifacts.getJson<PlannedArtifact>(decision.artifacts.planKey!);
  const control = agentCoreControl(deps, plan.region);
  const memory = await projectMemory(control, decision, plan, deps);
  const body = runtimeConfiguration(plan, source, deps.config.runtimeRoleArn, {
    memoryId: memory?.id ?? null,
    agentTraces: deps.config.agentTraces,
  });
  let answer: RuntimeAnswer;
  let id: string;
  if (decision.decision === 'update') {
    id = decision.resource.id ?? (await adoptByName(control, 'runtime', plan.name!, owner(plan, deps))).id;
    answer = await updateRuntime(control, id, updateToken(decision, plan), body);
  } else {
    answer = await createRuntime(control, decision, plan, body, deps);
    id = answer.agentRuntimeId!;
  }
  const resource = {
    name: plan.name,
    id: answer.agentRuntimeId ?? id,
    arn: answer.agentRuntimeArn ?? null,
    version: answer.agentRuntimeVersion ?? null,
    ...(memory ? { memoryId: memory.id } : {}),
  };
  if (decision.decision === 'recreate') {
    await removeRecreatedAgentLogs(deps, decision.project, resource.id, logger);
  }
  const logDelivery = await deliverAgentLogs(deps, resource, plan.region, logger);
  return {
    resource: { ...resource, ...(logDelivery ? { logDelivery } : {}) },
    status: answer.status === 'READY' ? 'READY' : answer.status === 'UPDATING' ? 'UPDATING' : 'CREATING',
    failureReason: null,
    attempt: 0,
    delaySeconds: nextDelaySeconds(0),
  };
}

/**
 * The memory the runtime is configured with: the project's, ensured when the plan enables memory; none
 * otherwise. A memory turned off is deleted only once `live` serves the version without it
 * ({@link deleteMemoryTurnedOff}), so a version that fails its smoke test leaves `live` the memory it uses.
 */
async function projectMemory(
  control: BedrockAgentCoreControlClient,
  decision: PlanDecision,
  plan: PlannedArtifact,
  deps: PipelineDeps,
): Promise<{ id: string } | null> {
  if (!plan.memory) return null;
  return ensureProjectMemory(control, owner(plan, deps), plan.memoryStrategies ?? [], decision.deployId);
}

/**
 * After `live` moved to a version deployed without memory, deletes the memory the project had (best effort: a
 * failure is logged, and the teardown deletes it later).
 */
async function deleteMemoryTurnedOff(
  event: { plan: PlanDecision },
  promoted: PollResult,
  deps: PipelineDeps,
  logger: Pick<Logger, 'warn'>,
): Promise<void> {
  const { plan } = event;
  if (plan.decision === 'rollback' || promoted.resource.memoryId) return;
  if (!plan.resource.memoryId && !plan.previous.memoryId) return;
  try {
    const { region } = resourceRegion(plan, promoted.resource);
    await deleteProjectMemory(agentCoreControl(deps, region), owner(plan, deps), plan.deployId);
  } catch (error) {
    logger.warn('delete memory failed', {
      project: plan.project,
      deployId: plan.deployId,
      code: error instanceof Error ? error.name : 'Error',
    });
  }
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

function owner(plan: { project: string }, deps: PipelineDeps): { stackName: string; project: string } {
  return { stackName: deps.config.stackName, project: plan.project };
}
