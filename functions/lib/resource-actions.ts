import type { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import {
  CandidateEndpoint,
  getLiveResource,
  isNotFound,
  LiveEndpoint,
  mutateUnlessBusy,
  ownershipTags,
  pointEndpoint,
} from './agentcore/index.js';
import { checkPlanRev } from './check-plan-rev.js';
import { clientToken } from './client-token.js';
import { agentCoreControl } from './clients/agentcore-control.js';
import type { PlanDecision, PollResult, ResourceInfo } from './contract.js';
import { AccessDeniedError, InvalidInputError, ResourceBusyError, ResourceTimedOutError } from './errors.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { MaxStatusChecks, nextDelaySeconds, toPollResult } from './poll-result.js';
import { resourceRegion } from './resource-region.js';

/**
 * The `status` action of the Harness and Runtime functions: one control-plane read, as a poll result. On a deploy,
 * a READY resource is READY only once its `candidate` endpoint serves the new version (created or moved here,
 * docs/state-machine.md §2.3): the smoke test calls that endpoint, never `live`.
 */
export async function pollResourceStatus(
  deps: PipelineDeps,
  mode: 'harness' | 'runtime',
  event: { plan: PlanDecision; poll: PollResult },
): Promise<PollResult> {
  const { region } = resourceRegion(event.plan, event.poll.resource);
  const control = agentCoreControl(deps, region);
  const live = await getLiveResource(control, mode, event.poll.resource.id ?? '');
  const deleting = event.poll.status === 'DELETING' || event.plan.action === 'destroy';
  const result = toPollResult({
    resource: event.poll.resource,
    live,
    attempt: event.poll.attempt + 1,
    deleting,
  });
  if (result.status !== 'READY' || event.plan.action !== 'deploy') return result;
  const version = requireVersion(result.resource);
  const candidate = await pointEndpoint(control, {
    mode,
    resourceId: result.resource.id ?? '',
    name: CandidateEndpoint,
    version,
    token: endpointToken(event.plan, result.resource, CandidateEndpoint, version),
    tags: ownershipTags(deps.config.stackName, event.plan.project),
  });
  return candidate.serving ? result : { ...result, status: 'UPDATING' };
}

/**
 * The `promote` action (states PromoteHarness, PromoteRuntime): points the `live` endpoint at the version in
 * `poll.resource` — created on the first success, moved afterwards — and answers READY once it serves that
 * version, UPDATING while it moves (the state waits and calls again; idempotent: an endpoint already at that
 * version is not moved again). Polls are counted from the first promote call; too many throw ResourceTimedOut.
 */
export async function promoteLive(
  deps: PipelineDeps,
  mode: 'harness' | 'runtime',
  event: { plan: PlanDecision; poll: PollResult },
): Promise<PollResult> {
  const { resource } = event.poll;
  // A rollback was decided on STATE before the lock (a deploy already checked it in CreateOrUpdate*).
  if (event.plan.decision === 'rollback' && !event.poll.live) {
    await checkPlanRev(deps.store.state, event.plan.project, event.plan.rev);
  }
  const version = requireVersion(resource);
  const { region } = resourceRegion(event.plan, resource);
  const pointed = await pointEndpoint(agentCoreControl(deps, region), {
    mode,
    resourceId: resource.id ?? '',
    name: LiveEndpoint,
    version,
    token: endpointToken(event.plan, resource, LiveEndpoint, version),
    tags: ownershipTags(deps.config.stackName, event.plan.project),
  });
  const attempt = event.poll.live ? event.poll.attempt + 1 : 0;
  if (!pointed.serving && attempt >= MaxStatusChecks) {
    throw new ResourceTimedOutError({
      resource: pointed.endpoint.arn,
      status: pointed.endpoint.status,
      attempts: attempt,
    });
  }
  return {
    resource,
    status: pointed.serving ? 'READY' : 'UPDATING',
    failureReason: null,
    attempt,
    delaySeconds: nextDelaySeconds(attempt),
    live: { endpointName: LiveEndpoint, endpointArn: pointed.endpoint.arn, version },
  };
}

function requireVersion(resource: ResourceInfo): string {
  if (resource.version === null || resource.id === null) {
    throw new InvalidInputError(
      `The resource ${resource.name ?? '?'} has no id or version to point an endpoint at.`,
    );
  }
  return resource.version;
}

/** One token per deploy, resource, endpoint and version: a retry after the move landed is replayed. */
function endpointToken(
  plan: PlanDecision,
  resource: ResourceInfo,
  endpoint: string,
  version: string,
): string {
  return clientToken(plan.deployId, resource.id ?? '', endpoint, version, String(plan.replans));
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
  const control = agentCoreControl(deps, region);
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
