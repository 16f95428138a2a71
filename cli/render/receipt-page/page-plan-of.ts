import type { Plan } from '../../../core/plan/index.js';
import type { ReceiptPagePlan } from './receipt-page.js';

/**
 * The parts of a stored plan (`plans/<project>/<deployId>.json`, read as JSON) the run report shows, or null
 * when the value is not a plan of this format.
 */
export function pagePlanOf(stored: unknown): ReceiptPagePlan | null {
  const plan = stored as Partial<Plan> | null;
  if (plan?.planVersion !== 1 || !Array.isArray(plan.agents) || !Array.isArray(plan.diagnostics)) return null;
  const agents: Plan['agents'] = plan.agents;
  return {
    root: plan.root ?? null,
    agents: agents.map((agent) => ({
      name: agent.name,
      subagents: agent.subagents,
      mcp: agent.mcp.map((server) => ({ server: server.server })),
      skills: agent.skills,
    })),
    reason: plan.reason ?? '',
    diagnostics: plan.diagnostics,
    smoke: { prompt: plan.smoke?.prompt ?? '', expect: plan.smoke?.expect ?? null },
  };
}
