import type { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { getLiveResource, isNotFound, mutateUnlessBusy } from './agentcore/index.js';
import type { PlanDecision, PollResult, ResourceInfo } from './contract.js';
import { AccessDeniedError, ResourceBusyError } from './errors.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { nextDelaySeconds, toPollResult } from './poll-result.js';
import { resourceRegion } from './resource-region.js';

/** The `status` action of the Harness and Runtime functions: one control-plane read, as a poll result. */
export async function pollResourceStatus(
  deps: PipelineDeps,
  mode: 'harness' | 'runtime',
  event: { plan: PlanDecision; poll: PollResult },
): Promise<PollResult> {
  const { region } = resourceRegion(event.plan, event.poll.resource);
  const live = await getLiveResource(deps.agentCoreFor(region).control, mode, event.poll.resource.id ?? '');
  const deleting = event.poll.status === 'DELETING' || event.plan.action === 'destroy';
  return toPollResult({ resource: event.poll.resource, live, attempt: event.poll.attempt + 1, deleting });
}

/**
 * The `delete` action: one delete call (a resource already gone is GONE, one already DELETING is DELETING), in
 * the resource's own region; a resource still CREATING/UPDATING from an earlier run is ResourceBusy (retried by
 * the state). A delete scoped by `aws:ResourceTag` is denied, not NotFound, once the resource is gone (no tags to
 * match): a denial is GONE when a read finds the resource no longer there.
 */
export async function deleteResource(
  deps: PipelineDeps,
  target: { readonly operation: string; readonly mode: 'harness' | 'runtime' },
  event: { plan: PlanDecision; resource: ResourceInfo },
  send: (control: BedrockAgentCoreControlClient, id: string) => Promise<unknown>,
): Promise<PollResult> {
  const { resource } = event;
  const { region } = resourceRegion(event.plan, resource);
  const control = deps.agentCoreFor(region).control;
  try {
    await mutateUnlessBusy(control, { ...target, id: resource.id ?? '' }, () =>
      send(control, resource.id ?? ''),
    );
  } catch (error) {
    const gone =
      isNotFound(error) ||
      (error instanceof AccessDeniedError &&
        (await getLiveResource(control, target.mode, resource.id ?? '')) === null);
    if (gone) return { resource, status: 'GONE', failureReason: null, attempt: 0, delaySeconds: 0 };
    // Already being deleted (this delete retried after it landed) is this delete's own progress.
    if (!(error instanceof ResourceBusyError && error.context.status === 'DELETING')) throw error;
  }
  return { resource, status: 'DELETING', failureReason: null, attempt: 0, delaySeconds: nextDelaySeconds(0) };
}
