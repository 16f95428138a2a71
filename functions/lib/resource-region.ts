import type { PlanDecision, ResourceInfo } from './contract.js';

/** The region and mode a resource lives in: the replaced resource's when it is the plan's `previous`. */
export function resourceRegion(
  plan: PlanDecision,
  resource: ResourceInfo,
): { region: string; mode: string | null } {
  const previous = plan.previous;
  if (previous.id !== null && resource.id === previous.id) {
    return { region: previous.region ?? plan.region, mode: previous.mode };
  }
  return { region: plan.region, mode: plan.mode };
}
