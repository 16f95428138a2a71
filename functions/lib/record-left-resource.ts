import type { ExecutionDocument } from './contract.js';
import type { DeployStore } from './store/index.js';

/** States a deploy may have failed in after its create (or adopting update) reached AgentCore. */
const AfterCreate = new Set([
  'CreateOrUpdateHarness',
  'CreateOrUpdateRuntime',
  'WaitForHarness',
  'WaitForRuntime',
  'GetHarnessStatus',
  'GetRuntimeStatus',
  'SmokeTest',
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
 * A deploy that fails after its create call may leave a harness or runtime that STATE does not record (a
 * create, recreate or replace; an update that adopted a resource with no STATE). Records it for clean-up
 * (`CleanupStore`): the next drop adopts it, a teardown with nothing in STATE deletes it (docs/state-machine.md §8).
 */
export async function recordLeftResource(
  store: Pick<DeployStore, 'cleanup'>,
  document: ExecutionDocument,
  failedState: string | null,
  now: Date,
): Promise<void> {
  const { plan } = document;
  if (plan?.action !== 'deploy' || !plan.mode || !plan.resource.name) return;
  if (!failedState || !AfterCreate.has(failedState)) return;
  const unrecorded =
    plan.decision === 'create' ||
    plan.decision === 'recreate' ||
    plan.decision === 'replace' ||
    (plan.decision === 'update' && plan.rev === 0);
  if (!unrecorded) return;
  await store.cleanup.record({
    project: plan.project,
    mode: plan.mode,
    region: plan.region,
    name: plan.resource.name,
    id: document.poll?.resource.id ?? plan.resource.id,
    deployId: plan.deployId,
    recordedAt: now.toISOString(),
  });
}
