import type { Plan } from '../../../core/plan/index.js';
import type { ProjectState } from '../store/index.js';

/**
 * The plan STATE was written from: the last deploy's, or — after a rollback, which moves only `live` and stores
 * no plan — the newest passed version's whose spec hash STATE still records. `readPlan` returns a deploy's
 * stored plan, or null when it is absent or unreadable.
 */
export async function findRecordedPlan<P extends Plan>(
  state: ProjectState,
  readPlan: (deployId: string) => Promise<P | null>,
): Promise<P | null> {
  const deploys = [
    state.lastDeployId,
    ...(state.passedVersions ?? []).map((passed) => passed.deployId).reverse(),
  ];
  for (const deployId of new Set(deploys)) {
    const plan = await readPlan(deployId);
    if (plan !== null && plan.specHash === state.specHash) return plan;
  }
  return null;
}
