import type { Plan } from '../../core/plan/index.js';
import { findRecordedPlan } from '../../functions/lib/drift/index.js';
import type { ProjectState } from '../../functions/lib/store/index.js';
import type { DeployTarget } from './deploy-target.js';

/**
 * The plan a deploy stored (`plans/<project>/<deployId>.json`), or null when it is absent or is not a plan of
 * schema version 1 (spec §9.1) — an artifact a newer or older agentdrop wrote is not compared field by field.
 */
export async function readStoredPlan(
  target: DeployTarget,
  project: string,
  deployId: string,
): Promise<Plan | null> {
  const stored = await target.readPlan(project, deployId);
  return isPlan(stored) && stored.project === project ? stored : null;
}

/**
 * The plan STATE was written from: the last deploy's, or — after a rollback, which moves only `live` and stores
 * no plan — the newest passed version's whose spec hash STATE still records.
 */
export async function readRecordedPlan(target: DeployTarget, state: ProjectState): Promise<Plan | null> {
  return findRecordedPlan(state, (deployId) => readStoredPlan(target, state.project, deployId));
}

function isPlan(value: unknown): value is Plan {
  if (typeof value !== 'object' || value === null) return false;
  const plan = value as Partial<Record<keyof Plan, unknown>>;
  return (
    plan.planVersion === 1 &&
    typeof plan.project === 'string' &&
    Array.isArray(plan.agents) &&
    Array.isArray(plan.diagnostics) &&
    Array.isArray(plan.skillBundles) &&
    Array.isArray(plan.secretBindings)
  );
}
