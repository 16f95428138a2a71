import { type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import type { DeployMode } from './types.js';

export const StateDecision = {
  Create: 'create',
  Update: 'update',
  Recreate: 'recreate',
  Replace: 'replace',
  Skip: 'skip',
} as const;
export type StateDecision = (typeof StateDecision)[keyof typeof StateDecision];

/** What STATE recorded for the project (spec §11). */
export interface RecordedTarget {
  readonly mode: DeployMode;
  readonly region: string;
  readonly name: string;
  readonly fingerprint: string;
}

/** The live resource as the control plane reports it; null when none was found. */
export interface LiveResource {
  readonly status: string;
  /** Tagged `agentdrop:project=<project>` and `agentdrop:stack=<stack>` (DESIGN §7). */
  readonly owned: boolean;
  /** Who holds it when it is not ours, from its agentdrop tags (`stack s, project p`); null when untagged. */
  readonly owner?: string | null;
}

/** Inputs of the state decision (spec §11). */
export interface StateDecisionInput {
  readonly state: RecordedTarget | null;
  readonly live: LiveResource | null;
  readonly target: { readonly mode: DeployMode; readonly region: string; readonly name: string };
  readonly fingerprint: string;
  readonly force: boolean;
}

/**
 * Decides create / update / recreate / replace / skip from STATE, the live resource and the new plan:
 * the first matching row of spec §11 applies. A resource with our name that we do not own is
 * `name.collision` (decision null).
 */
export function decideState(input: StateDecisionInput): {
  decision: StateDecision | null;
  diagnostic?: Diagnostic;
} {
  const { state, live, target } = input;
  if (state === null) {
    if (live === null) return { decision: 'create' };
    if (live.owned) return { decision: 'update' };
    return {
      decision: null,
      diagnostic: makeDiagnostic(
        'name.collision',
        'project',
        `A ${target.mode} named ${target.name} already exists in ${target.region} and is not owned by this project and stack${live.owner ? ` (it is tagged ${live.owner})` : ''}; rename the project or remove that resource.`,
      ),
    };
  }
  const moved = state.mode !== target.mode || state.region !== target.region || state.name !== target.name;
  if (moved) return { decision: 'replace' };
  if (live === null) return { decision: 'recreate' };
  const unchanged = state.fingerprint === input.fingerprint;
  if (live.status === 'READY' && unchanged && !input.force) return { decision: 'skip' };
  return { decision: 'update' };
}
