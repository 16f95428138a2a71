import { Logger } from '@aws-lambda-powertools/logger';
import {
  type BedrockAgentCoreControlClient,
  CreateHarnessCommand,
  DeleteHarnessCommand,
  type Harness,
  type HarnessMemoryConfiguration,
  UpdateHarnessCommand,
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
import { secretsClient } from '../lib/clients/secrets-manager.js';
import type { PlanDecision, PollResult, ResourceInput } from '../lib/contract.js';
import { InvalidInputError } from '../lib/errors.js';
import { deliverAgentLogs, removeAgentLogs, removeRecreatedAgentLogs } from '../lib/log-delivery/index.js';
import type { PipelineDeps } from '../lib/pipeline-deps.js';
import type { PlannedArtifact } from '../lib/planned-artifact.js';
import { nextDelaySeconds } from '../lib/poll-result.js';
import { deleteResource, pollResourceStatus, promoteLive } from '../lib/resource-actions.js';
import { type HarnessConfigurationBody, harnessConfiguration } from './harness-configuration.js';
import { resolveHeaders } from './resolve-headers.js';

/** The Harness function: deploy, status, promote and delete of one AgentCore Harness (docs/state-machine.md §2.3). */
export function createHarnessFunction(
  deps: PipelineDeps,
  logger: Pick<Logger, 'warn'> = new Logger({ serviceName: 'agentdrop-harness' }),
) {
  return async (event: ResourceInput): Promise<PollResult> => {
    switch (event.action) {
      case 'deploy':
        return deployHarness(event.plan, deps, logger);
      case 'status':
        return pollResourceStatus(deps, 'harness', event);
      case 'promote':
        return promoteLive(deps, 'harness', event);
      case 'delete': {
        const deleted = await deleteResource(
          deps,
          { operation: 'DeleteHarness', mode: 'harness' },
          event,
          (control, id) =>
            control.send(new DeleteHarnessCommand({ harnessId: id, deleteManagedMemory: true })),
        );
        await removeAgentLogs(deps, event.resource.id, logger);
        return deleted;
      }
      default:
        throw new InvalidInputError(
          `Unknown harness action ${JSON.stringify((event as { action?: unknown }).action)}.`,
        );
    }
  };
}

async function deployHarness(
  decision: PlanDecision,
  deps: PipelineDeps,
  logger: Pick<Logger, 'warn'>,
): Promise<PollResult> {
  await checkPlanRev(deps.store.state, decision.project, decision.rev);
  const plan = await deps.artifacts.getJson<PlannedArtifact>(decision.artifacts.planKey!);
  const control = agentCoreControl(deps, plan.region);
  const configuration = harnessConfiguration(
    plan,
    await resolveHeaders(plan, secretsClient(deps)),
    deps.config.artifactsBucket,
  );
  const memory: HarnessMemoryConfiguration = plan.memory
    ? { managedMemoryConfiguration: {} }
    : { disabled: {} };
  let harness: Harness;
  if (decision.decision === 'update') {
    const id =
      decision.resource.id ?? (await adoptByName(control, 'harness', plan.name!, owner(plan, deps))).id;
    harness = await updateHarness(control, id, updateToken(decision, plan), configuration, memory);
  } else {
    harness = await createHarness(control, decision, plan, configuration, memory, deps);
  }
  const resource = {
    name: harness.harnessName ?? plan.name,
    id: harness.harnessId ?? null,
    arn: harness.arn ?? null,
    version: harness.harnessVersion ?? null,
  };
  if (decision.decision === 'recreate') {
    await removeRecreatedAgentLogs(deps, decision.project, resource.id, logger);
  }
  const logDelivery = await deliverAgentLogs(deps, resource, plan.region, logger);
  return {
    resource: { ...resource, ...(logDelivery ? { logDelivery } : {}) },
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
  memory: HarnessMemoryConfiguration,
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
          }),
        ),
      { executionRoleArn: deps.config.harnessRoleArn },
    );
  return createOrAdopt(
    clientToken(decision.deployId, plan.name!, 'harness'),
    async (token) => (await send(token)).harness!,
    async () => {
      const adopted = await adoptByName(control, 'harness', plan.name!, owner(plan, deps));
      return updateHarness(control, adopted.id, updateToken(decision, plan), configuration, memory);
    },
  );
}

/**
 * A full update with a deterministic clientToken: retried after it landed (a Step Functions retry), AgentCore
 * replays the first answer instead of making another version.
 */
async function updateHarness(
  control: BedrockAgentCoreControlClient,
  harnessId: string,
  token: string,
  configuration: HarnessConfigurationBody,
  memory: HarnessMemoryConfiguration,
): Promise<Harness> {
  const { harness } = await mutateUnlessBusy(
    control,
    { operation: 'UpdateHarness', mode: 'harness', id: harnessId },
    () =>
      control.send(
        new UpdateHarnessCommand({
          harnessId,
          clientToken: token,
          ...configuration,
          memory: { optionalValue: memory },
        }),
      ),
  );
  return harness!;
}

function updateToken(decision: PlanDecision, plan: PlannedArtifact): string {
  return clientToken(decision.deployId, plan.name!, 'harness-update', String(decision.replans));
}

/** Finds our harness by name; one owned by another stack or project is a name collision. */
function owner(plan: PlannedArtifact, deps: PipelineDeps): { stackName: string; project: string } {
  return { stackName: deps.config.stackName, project: plan.project };
}
