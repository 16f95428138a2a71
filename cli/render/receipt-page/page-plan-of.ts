import type { Plan } from '../../../core/plan/index.js';
import type { ReceiptPagePlan } from './receipt-page.js';

/** The parts of a stored plan (`plans/<project>/<deployId>.json`) the run report shows. */
export function pagePlanOf(plan: Plan): ReceiptPagePlan {
  return {
    root: plan.root,
    agents: plan.agents.map((agent) => ({
      name: agent.name,
      subagents: agent.subagents,
      mcp: agent.mcp.map((server) => ({ server: server.server })),
      skills: agent.skills,
    })),
    reason: plan.reason,
    diagnostics: plan.diagnostics,
    smoke: { prompt: plan.smoke.prompt, expect: plan.smoke.expect },
  };
}
