import type { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { getNamedEndpoint, LiveEndpoint } from '../../functions/lib/agentcore/index.js';
import { DetailType } from '../../functions/lib/detail-types.js';
import type { ProjectState } from '../../functions/lib/store/index.js';
import type { EventBridgeEvent } from '../../local/eventbridge/index.js';
import type { RunDeployResult } from '../../local/runner/index.js';
import { type AgentCoreResource, ownedResources } from './agentcore-resources.js';
import { type EventDetail, Invariant, type InvariantTarget, type InvariantViolation } from './invariant.js';

/** States after a passed smoke test in which a failing run may already have moved live. */
const PromotionStates = new Set([
  'RouteToPromotion',
  'PromoteHarness',
  'PromoteRuntime',
  'IsLivePromoted',
  'WaitForHarnessLive',
  'WaitForRuntimeLive',
  'DeleteReplacedHarness',
  'DeleteReplacedRuntime',
  'RecordSuccess',
]);

/**
 * The invariants of one project once its runs have ended: the lock is free, no queued drop was left behind,
 * STATE agrees with the last state-changing outcome, its receipt and its Deploy Succeeded event, and every
 * AgentCore resource of the project is the one STATE records.
 */
export async function checkProjectInvariants(
  target: InvariantTarget,
  control: BedrockAgentCoreControlClient,
  resources: readonly AgentCoreResource[],
  project: string,
  runs: readonly RunDeployResult[],
  outcomes: ReadonlyMap<string, EventBridgeEvent>,
  busEvents: readonly EventBridgeEvent[],
  violations: InvariantViolation[],
): Promise<void> {
  const violation = (invariant: Invariant, message: string): void => {
    violations.push({ invariant, project, executionArn: null, message });
  };
  const lock = await target.store.locks.getLock(project);
  if (lock !== null) {
    violation(
      Invariant.LockFree,
      `the lock is held by ${lock.owner.split(':').at(-1)} (deploy ${lock.deployId})${lock.pending ? ` with a pending drop ${lock.pending.key}` : ''}`,
    );
  }
  const lastType = outcomes.get(runs.at(-1)?.executionArn ?? '')?.['detail-type'];
  if (lastType === DetailType.DeployQueued) {
    violation(
      Invariant.QueuedPickedUp,
      'the last run of the project ended Deploy Queued: no run picked the drop up',
    );
  }

  const state = await target.store.state.getState(project);
  await checkStateRecords(target, project, state, runs, outcomes, busEvents, violation);

  if (state?.live && state.resource.id) {
    const live = await getNamedEndpoint(control, state.mode, state.resource.id, LiveEndpoint);
    const passed = (state.passedVersions ?? []).map((entry) => entry.version);
    // A run that failed after its smoke test passed may have moved live before it could record it (STATE lags
    // until the next success): its candidate passed too.
    const promotedUnrecorded = runs.flatMap((run) => {
      const data = (outcomes.get(run.executionArn)?.detail as EventDetail | undefined)?.data;
      const candidate = data?.candidateVersion;
      return PromotionStates.has(String(data?.failedState)) && typeof candidate === 'string'
        ? [candidate]
        : [];
    });
    const target = live?.targetVersion ?? null;
    if (
      !passed.includes(state.live.version) ||
      target === null ||
      !(passed.includes(target) || promotedUnrecorded.includes(target))
    ) {
      violation(
        Invariant.LiveGated,
        `STATE records live version ${state.live.version} (passed: ${passed.join(', ') || 'none'}) but the live endpoint ${live === null ? 'does not exist' : `targets ${target ?? 'nothing'} (serving ${live.liveVersion ?? 'nothing'}, ${live.status})`}`,
      );
    }
  }

  const owned = await ownedResources(control, resources, project);
  const forCleanup = await target.store.cleanup.list(project);
  for (const resource of owned) {
    const inState =
      state !== null && (resource.id === state.resource.id || resource.arn === state.resource.arn);
    const recorded = forCleanup.some((entry) => entry.mode === resource.kind && entry.name === resource.name);
    if (!inState && !recorded) {
      violation(
        Invariant.NoOrphan,
        `${resource.kind} ${resource.name} (${resource.id}, ${resource.status}) exists but STATE ${state === null ? 'records nothing' : `records ${state.resource.id}`} and nothing records it for clean-up`,
      );
    }
  }
  if (state !== null && !owned.some((r) => r.id === state.resource.id || r.arn === state.resource.arn)) {
    violation(
      Invariant.RecordsAgree,
      `STATE records ${state.mode} ${state.resource.id}, which does not exist`,
    );
  }
}

async function checkStateRecords(
  target: InvariantTarget,
  project: string,
  state: ProjectState | null,
  runs: readonly RunDeployResult[],
  outcomes: ReadonlyMap<string, EventBridgeEvent>,
  busEvents: readonly EventBridgeEvent[],
  violation: (invariant: Invariant, message: string) => void,
): Promise<void> {
  const changing = runs
    .map((run) => outcomes.get(run.executionArn))
    .filter(
      (event): event is EventBridgeEvent =>
        event?.['detail-type'] === DetailType.DeploySucceeded ||
        event?.['detail-type'] === DetailType.AgentDestroyed,
    )
    .at(-1);
  if (changing?.['detail-type'] === DetailType.AgentDestroyed && state !== null) {
    violation(
      Invariant.RecordsAgree,
      `the agent was destroyed but STATE still records deploy ${state.lastDeployId}`,
    );
  }
  if (changing?.['detail-type'] === DetailType.DeploySucceeded) {
    const deployId = (changing.detail as EventDetail).metadata?.deployId;
    if (state?.lastDeployId !== deployId) {
      violation(
        Invariant.RecordsAgree,
        `the last Deploy Succeeded is ${deployId} but STATE records ${state === null ? 'nothing' : `deploy ${state.lastDeployId}`}`,
      );
    }
  }
  if (state === null) return;
  const receipt = await target.store.receipts.getReceipt(project, state.lastDeployId);
  if (receipt?.outcome !== 'succeeded' || receipt.fingerprint !== state.fingerprint) {
    violation(
      Invariant.RecordsAgree,
      `STATE records deploy ${state.lastDeployId} (fingerprint ${state.fingerprint.slice(0, 12)}) but its receipt says ${receipt === null ? 'nothing' : `${receipt.outcome} (fingerprint ${receipt.fingerprint?.slice(0, 12) ?? 'null'})`}`,
    );
  }
  const succeeded = busEvents.filter(
    (event) =>
      event['detail-type'] === DetailType.DeploySucceeded &&
      (event.detail as EventDetail).metadata?.deployId === state.lastDeployId,
  );
  const data = (succeeded.at(-1)?.detail as EventDetail | undefined)?.data;
  if (
    data === undefined ||
    data.fingerprint !== state.fingerprint ||
    data.resourceArn !== state.resource.arn ||
    data.resourceVersion !== state.resource.version
  ) {
    violation(
      Invariant.RecordsAgree,
      `STATE (deploy ${state.lastDeployId}, ${state.resource.arn} v${state.resource.version}) has ${data === undefined ? 'no Deploy Succeeded event' : `a Deploy Succeeded event saying ${String(data.resourceArn)} v${String(data.resourceVersion)}, fingerprint ${String(data.fingerprint).slice(0, 12)}`}`,
    );
  }
}
