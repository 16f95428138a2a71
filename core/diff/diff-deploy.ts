import { type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import { decideState, fingerprint, type Plan, type RecordedTarget } from '../plan/index.js';
import { diffPlans } from './diff-plans.js';
import type { DeployDiff } from './types.js';

/** Inputs of {@link diffDeploy}: everything read beforehand, nothing asked of AgentCore. */
export interface DiffDeployInput {
  /** The new drop's offline plan, planned with the target's region and secret prefix. */
  readonly next: Plan;
  /** What STATE records for the project; null when it was never deployed (or was destroyed). */
  readonly state: RecordedTarget | null;
  /** The plan the recorded deploy stored; null when there is none or it could not be read. */
  readonly previous: Plan | null;
  /**
   * `AWSCURRENT` version id of each secret the target has (by `NAME`, without the prefix); a name the new plan
   * references and this map lacks is a missing secret.
   */
  readonly secretVersions: ReadonlyMap<string, string>;
}

/**
 * What a push of `next` would do, offline: the pipeline's own decision (spec §11, {@link decideState}) taken as
 * the pre-flight would (fingerprint of the spec hash and the secrets' current versions), assuming the recorded
 * resource still exists and is READY — STATE is written only after READY, and checking would be an AgentCore
 * call. A drop the pipeline would reject (offline errors, a missing secret) is `invalid`. The changes compare
 * the deployed plan with `next`, secret bindings carrying the current versions.
 */
export function diffDeploy(input: DiffDeployInput): DeployDiff {
  const { next, state, previous } = input;
  const before = {
    specHash: previous?.specHash ?? null,
    fingerprint: state?.fingerprint ?? null,
  };
  const missing = next.secretNames.filter((name) => !input.secretVersions.has(name));
  const bound: Plan = {
    ...next,
    secretBindings: next.secretBindings.map((binding) => ({
      ...binding,
      versionId: input.secretVersions.get(binding.name) ?? null,
    })),
  };
  const changes = diffPlans(previous, bound);
  const errors: Diagnostic[] = [
    ...next.diagnostics.filter((d) => d.level === 'error'),
    ...missing.map((name) =>
      makeDiagnostic(
        'secret.missing',
        `secret:${name}`,
        `Secret '${bound.secretBindings.find((b) => b.name === name)?.secretId ?? name}' does not exist (or is pending deletion); create it with: agentdrop secrets set ${name}`,
      ),
    ),
  ];
  if (
    !next.deployable ||
    next.mode === null ||
    next.name === null ||
    next.specHash === null ||
    errors.length > 0
  ) {
    return {
      project: next.project,
      decision: 'invalid',
      reason: `the pipeline would reject the drop (${errors.length} error(s)); nothing would be deployed`,
      changes,
      diagnostics: errors,
      specHash: { before: before.specHash, after: next.specHash },
      fingerprint: { before: before.fingerprint, after: null },
      previousPlan: previous !== null,
    };
  }
  const after = fingerprint(
    next.specHash,
    new Map(next.secretNames.map((name) => [name, input.secretVersions.get(name)!])),
  );
  const { decision } = decideState({
    state,
    // Offline: the recorded resource is taken as READY (no GetHarness/GetAgentRuntime); without STATE, as
    // absent — a resource of that name left outside STATE is found only by the pipeline.
    live: state === null ? null : { status: 'READY', owned: true },
    target: { mode: next.mode, region: next.region, name: next.name },
    fingerprint: after,
    force: next.force,
  });
  // Only a live resource owned by someone else yields no decision (name.collision), and none is assumed here.
  const chosen = decision ?? 'create';
  return {
    project: next.project,
    decision: chosen,
    reason: reasonOf(chosen, state, next, changes.length),
    changes,
    diagnostics: [],
    specHash: { before: before.specHash, after: next.specHash },
    fingerprint: { before: before.fingerprint, after },
    previousPlan: previous !== null,
  };
}

function reasonOf(
  decision: Exclude<DeployDiff['decision'], 'invalid'>,
  state: RecordedTarget | null,
  next: Plan,
  changes: number,
): string {
  switch (decision) {
    case 'create':
      return `nothing is deployed for ${next.project}: a new ${next.mode} would be created`;
    case 'replace': {
      const moved = [
        state?.mode !== next.mode ? `mode ${state?.mode} → ${next.mode}` : null,
        state?.region !== next.region ? `region ${state?.region} → ${next.region}` : null,
        state?.name !== next.name ? `name ${state?.name} → ${next.name}` : null,
      ].filter(Boolean);
      return `${moved.join(', ')}: a new ${next.mode} would be created, then the old ${state?.mode} deleted`;
    }
    case 'skip':
      return 'unchanged: same spec hash and secret versions; the push would be skipped';
    case 'update':
      return next.force && changes === 0
        ? 'force: true in agentdrop.yaml: every push updates'
        : `the ${next.mode} would be updated in place`;
    case 'recreate':
      return `the recorded ${next.mode} is gone: it would be created again`;
  }
}
