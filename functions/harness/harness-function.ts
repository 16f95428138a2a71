import {
  type BedrockAgentCoreControlClient,
  CreateHarnessCommand,
  DeleteHarnessCommand,
  type Harness,
  UpdateHarnessCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import {
  adoptByName,
  callAgentCore,
  getLiveResource,
  isConflict,
  isNotFound,
  ownershipTags,
} from '../lib/agentcore/index.js';
import { checkPlanRev } from '../lib/check-plan-rev.js';
import { clientToken } from '../lib/client-token.js';
import type { PlanDecision, PollResult, ResourceInfo, ResourceInput } from '../lib/contract.js';
import { InvalidInputError } from '../lib/errors.js';
import type { PipelineDeps } from '../lib/pipeline-deps.js';
import type { PlannedArtifact } from '../lib/planned-artifact.js';
import { nextDelaySeconds, toPollResult } from '../lib/poll-result.js';
import { resourceRegion } from '../lib/resource-region.js';
import { type HarnessConfigurationBody, harnessConfiguration } from './harness-configuration.js';
import { resolveHeaders } from './resolve-headers.js';

/** The Harness function: deploy, status and delete of one AgentCore Harness (docs/state-machine.md §2.3). */
export function createHarnessFunction(deps: PipelineDeps) {
  return async (event: ResourceInput): Promise<PollResult> => {
    switch (event.action) {
      case 'deploy':
        return deployHarness(event.plan, deps);
      case 'status': {
        const { region } = resourceRegion(event.plan, event.poll.resource);
        const live = await getLiveResource(
          deps.agentCoreFor(region).control,
          'harness',
          event.poll.resource.id ?? '',
        );
        const deleting = event.poll.status === 'DELETING' || event.plan.action === 'destroy';
        return toPollResult({
          resource: event.poll.resource,
          live,
          attempt: event.poll.attempt + 1,
          deleting,
        });
      }
      case 'delete':
        return deleteHarness(event.plan, event.resource, deps);
      default:
        throw new InvalidInputError(
          `Unknown harness action ${JSON.stringify((event as { action?: unknown }).action)}.`,
        );
    }
  };
}

async function deployHarness(decision: PlanDecision, deps: PipelineDeps): Promise<PollResult> {
  await checkPlanRev(deps.store.state, decision.project, decision.rev);
  const plan = await deps.artifacts.getJson<PlannedArtifact>(decision.artifacts.planKey!);
  const control = deps.agentCoreFor(plan.region).control;
  const configuration = harnessConfiguration(
    plan,
    await resolveHeaders(plan, deps.clients.secrets),
    deps.config.artifactsBucket,
  );
  const memory = plan.memory ? { managedMemoryConfiguration: {} } : { disabled: {} };
  let harness: Harness;
  if (decision.decision === 'update') {
    const id =
      decision.resource.id ?? (await adoptByName(control, 'harness', plan.name!, owner(plan, deps))).id;
    harness = await updateHarness(control, id, configuration, memory);
  } else {
    harness = await createHarness(control, decision, plan, configuration, memory, deps);
  }
  return {
    resource: {
      name: harness.harnessName ?? plan.name,
      id: harness.harnessId ?? null,
      arn: harness.arn ?? null,
      version: harness.harnessVersion ?? null,
    },
    status: harness.status === 'READY' ? 'READY' : harness.status === 'UPDATING' ? 'UPDATING' : 'CREATING',
    failureReason: null,
    attempt: 0,
    delaySeconds: nextDelaySeconds(0),
  };
}

/**
 * Creates the harness with a deterministic clientToken. A name already taken by our own harness is
 * adopted and updated instead of duplicated; a token the service refuses (its resource was deleted)
 * is dropped once (DESIGN §6).
 */
async function createHarness(
  control: BedrockAgentCoreControlClient,
  decision: PlanDecision,
  plan: PlannedArtifact,
  configuration: HarnessConfigurationBody,
  memory: Record<string, unknown>,
  deps: PipelineDeps,
): Promise<Harness> {
  const send = (token: string | undefined) =>
    callAgentCore(
      'CreateHarness',
      () =>
        control.send(
          new CreateHarnessCommand({
            harnessName: plan.name!,
            executionRoleArn: deps.config.harnessRoleArn,
            ...(token ? { clientToken: token } : {}),
            ...configuration,
            memory,
            tags: ownershipTags(deps.config.stackName, plan.project),
          } as never),
        ),
      true,
    );
  try {
    return (await send(clientToken(decision.deployId, plan.name!, 'harness'))).harness!;
  } catch (error) {
    if (!isConflict(error)) throw error;
    if (/client ?token/i.test((error as Error).message)) return (await send(undefined)).harness!;
    const adopted = await adoptByName(control, 'harness', plan.name!, owner(plan, deps));
    return updateHarness(control, adopted.id, configuration, memory);
  }
}

async function updateHarness(
  control: BedrockAgentCoreControlClient,
  harnessId: string,
  configuration: HarnessConfigurationBody,
  memory: Record<string, unknown>,
): Promise<Harness> {
  const { harness } = await callAgentCore('UpdateHarness', () =>
    control.send(
      new UpdateHarnessCommand({ harnessId, ...configuration, memory: { optionalValue: memory } } as never),
    ),
  );
  return harness!;
}

/** Finds our harness by name; one owned by another stack or project is a name collision. */
async function deleteHarness(
  decision: PlanDecision,
  resource: ResourceInfo,
  deps: PipelineDeps,
): Promise<PollResult> {
  const { region } = resourceRegion(decision, resource);
  const control = deps.agentCoreFor(region).control;
  try {
    await callAgentCore('DeleteHarness', () =>
      control.send(new DeleteHarnessCommand({ harnessId: resource.id ?? '', deleteManagedMemory: true })),
    );
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return { resource, status: 'GONE', failureReason: null, attempt: 0, delaySeconds: 0 };
  }
  return { resource, status: 'DELETING', failureReason: null, attempt: 0, delaySeconds: nextDelaySeconds(0) };
}

function owner(plan: PlannedArtifact, deps: PipelineDeps): { stackName: string; project: string } {
  return { stackName: deps.config.stackName, project: plan.project };
}
