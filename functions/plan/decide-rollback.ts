import type { PlanDecision } from '../lib/contract.js';
import { InvalidInputError } from '../lib/errors.js';
import type { ProjectState } from '../lib/store/index.js';
import { type DecisionBase, shapeDecision } from './decision-shape.js';

/** What `rollbackTo` asks for when it names no version: the passed version before the live one. */
const PreviousVersion = 'previous';

/** Stable codes of a refused rollback (nothing is touched: Plan fails before the lock). */
const RollbackRefusal = {
  NothingLive: 'rollback.nothing_live',
  NotPassed: 'rollback.version_not_passed',
  NoEarlier: 'rollback.no_earlier_version',
} as const;

/** The version a rollback moves `live` to, or why it is refused. */
export type RollbackChoice =
  | { readonly ok: true; readonly version: string }
  | { readonly ok: false; readonly code: string; readonly message: string };

/**
 * Chooses the version of a rollback (docs/state-machine.md §2.7). Pure. Only versions STATE records as passed
 * (`passedVersions`, per resource) qualify: `previous` is the passed version recorded before the live one; a named
 * version must be among them, the live one included.
 */
export function chooseRollbackVersion(state: ProjectState | null, requested: string): RollbackChoice {
  const live = state?.live?.version;
  if (!state || live === undefined) {
    return {
      ok: false,
      code: RollbackRefusal.NothingLive,
      message: `Project ${state?.project ?? 'this project'} has no live version to roll back.`,
    };
  }
  const passed = (state.passedVersions ?? []).map((entry) => entry.version);
  if (requested === PreviousVersion) {
    const at = passed.indexOf(live);
    const earlier = at === -1 ? passed.filter((version) => version !== live).at(-1) : passed[at - 1];
    if (earlier === undefined) {
      return {
        ok: false,
        code: RollbackRefusal.NoEarlier,
        message: `Project ${state.project} has no version that passed its smoke test before live version ${live} (passed: ${passed.join(', ') || 'none'}).`,
      };
    }
    return { ok: true, version: earlier };
  }
  if (!passed.includes(requested)) {
    return {
      ok: false,
      code: RollbackRefusal.NotPassed,
      message: `Version ${requested} of project ${state.project} never passed its smoke test (passed: ${passed.join(', ') || 'none'}); live stays on version ${live}.`,
    };
  }
  return { ok: true, version: requested };
}

/**
 * The decision of a rollback: `deploy` / `rollback` of the recorded resource at the chosen version, decided on
 * STATE's rev (the promote step checks it under the lock). The live version itself is not skipped: the run
 * converges `live` on it (no move when the endpoint is already there), which also repairs an endpoint a failed
 * run moved without recording it.
 * @throws InvalidInput with a `rollback.*` code for a version that cannot be chosen.
 */
export function decideRollback(
  base: DecisionBase,
  state: ProjectState | null,
  requested: string,
): PlanDecision {
  const choice = chooseRollbackVersion(state, requested);
  if (!choice.ok) {
    throw new InvalidInputError(choice.message, { project: base.trigger.project, requested }, choice.code);
  }
  const recorded = state!;
  return shapeDecision(base, {
    mode: recorded.mode,
    region: recorded.region,
    rev: recorded.rev,
    fingerprint: recorded.fingerprint,
    specHash: recorded.specHash,
    action: 'deploy',
    decision: 'rollback',
    resource: { ...recorded.resource, version: choice.version },
  });
}
