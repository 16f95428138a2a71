import type { PlanDecision, PlanInput, RecordInput, RecordResult } from '../lib/contract.js';
import { InvalidInputError } from '../lib/errors.js';
import type { PipelineDeps } from '../lib/pipeline-deps.js';
import { checkDrift, type DriftCheckInput, type DriftCheckResult, isDriftCheckInput } from './check-drift.js';
import { decidePlan } from './decide-plan.js';
import { recordOutcome } from './record-outcome.js';
import {
  isSecretChangedEvent,
  redeployOnSecretChange,
  type SecretChangedEvent,
  type SecretChangedResult,
} from './redeploy-on-secret-change.js';

/**
 * The Plan function: `plan` decides what a trigger means, `record` writes its outcome (docs/state-machine.md §2),
 * a Secrets Manager event (its rule's target) asks the projects that bind the rotated secret to redeploy (§9),
 * and `drift` (the drift schedule's input) compares the deployed resources with what their last deploy set.
 */
export function createPlanFunction(deps: PipelineDeps) {
  return async (
    event: PlanInput | RecordInput | SecretChangedEvent | DriftCheckInput,
  ): Promise<PlanDecision | RecordResult | SecretChangedResult | DriftCheckResult> => {
    if (isSecretChangedEvent(event)) return redeployOnSecretChange(event, deps);
    if (isDriftCheckInput(event)) return checkDrift(event, deps);
    if (event.action === 'plan') return decidePlan(event, deps);
    if (event.action === 'record') return recordOutcome(event, deps);
    throw new InvalidInputError(
      `Unknown plan action ${JSON.stringify((event as { action?: unknown }).action)}.`,
    );
  };
}
