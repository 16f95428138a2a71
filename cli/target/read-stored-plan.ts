import type { Plan } from '../../core/plan/index.js';
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

function isPlan(value: unknown): value is Plan {
  if (typeof value !== 'object' || value === null) return false;
  const plan = value as Partial<Record<keyof Plan, unknown>>;
  return (
    plan.planVersion === 1 &&
    typeof plan.project === 'string' &&
    Array.isArray(plan.agents) &&
    Array.isArray(plan.skillBundles) &&
    Array.isArray(plan.secretBindings)
  );
}
