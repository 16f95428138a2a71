import type { FileTree } from '../../core/bundle/index.js';
import { compileCodePackage, compileRuntime, zipBuildContext } from '../../core/compile/index.js';
import { type Diagnostic, makeDiagnostic, sortDiagnostics } from '../../core/diagnostics/index.js';
import {
  checkCodeZipSize,
  decideState,
  fingerprint,
  type LiveResource,
  type Plan,
  planDeploy,
  preflightTarget,
} from '../../core/plan/index.js';
import {
  findLiveResourceByName,
  getLiveResource,
  listResources,
  type ResourceSummary,
} from '../lib/agentcore/index.js';
import { ArtifactKeys } from '../lib/artifacts.js';
import { agentCoreControl } from '../lib/clients/agentcore-control.js';
import { s3Client } from '../lib/clients/s3.js';
import { secretsClient } from '../lib/clients/secrets-manager.js';
import type { CodePackageRef, PlanDecision, PlanInput, ResourceInfo } from '../lib/contract.js';
import { deployIdOf } from '../lib/deploy-id.js';
import { InvalidInputError } from '../lib/errors.js';
import { normalizeTrigger } from '../lib/normalize-trigger.js';
import type { PipelineDeps } from '../lib/pipeline-deps.js';
import type { PlannedArtifact } from '../lib/planned-artifact.js';
import { preflightSecrets, type SecretVersion } from '../lib/secrets.js';
import type { ProjectState } from '../lib/store/index.js';
import { checkQuotas } from './check-quotas.js';
import { decideRollback } from './decide-rollback.js';
import { type DecisionBase, namedResource, shapeDecision, summarizeDiagnostics } from './decision-shape.js';
import { loadDropFromS3 } from './load-drop.js';

/**
 * The Plan step (docs/state-machine.md §2.1): normalise the trigger, drop duplicates and stale events,
 * read and plan the drop, check its target (region, model), run the secret pre-flight, compare with STATE and the live resource,
 * check the account's AgentCore quotas, and write the artifacts a deploy needs. A bad drop is an `invalid` decision carrying its diagnostics;
 * nothing in AgentCore, ECR or CodeBuild is touched here.
 */
export async function decidePlan(input: PlanInput, deps: PipelineDeps): Promise<PlanDecision> {
  const now = deps.now();
  const normalized = normalizeTrigger(input.event);
  const base: DecisionBase = {
    deployId: input.deployId ?? deployIdOf(input.executionArn, input.executionStartTime),
    trigger: normalized.trigger,
    executionArn: input.executionArn,
    now,
    clock: deps.now,
    leaseSeconds: deps.config.lockLeaseSeconds,
    region: deps.config.region,
    replans: input.replans,
  };
  if (!normalized.ok) {
    // Only drops/<project>.zip names a project (spec §1.1); anything else is refused as a bad name.
    const problem = makeDiagnostic('project.invalid_name', 'project', normalized.problem);
    return shapeDecision(base, { diagnostics: summarizeDiagnostics([problem]) });
  }
  const duplicate = await claimTrigger(base, deps);
  if (duplicate) return duplicate;

  const { trigger } = normalized;
  const state = await deps.store.state.getState(trigger.project);
  if (trigger.kind === 'delete') {
    if (!normalized.teardown)
      return shapeDecision(base, { action: 'skip', skipReason: 'nothing-to-destroy' });
    return decideTeardown(base, state, input.lockHeld === true, deps);
  }
  // A rollback moves `live` among versions already deployed: the drop is not read.
  if (normalized.request.rollbackTo !== undefined) {
    return decideRollback(base, state, normalized.request.rollbackTo);
  }

  const bundle = await loadDropFromS3(s3Client(deps), {
    bucket: trigger.bucket ?? deps.config.dropBucket,
    key: trigger.key!,
    versionId: trigger.versionId,
  });
  // A redeploy converges on the bucket: a drop deleted while its delete waited behind a deploy tears down.
  if (bundle === null) {
    if (state) return decideTeardown(base, state, input.lockHeld === true, deps);
    throw new InvalidInputError(
      `Project ${trigger.project} has no drop at s3://${trigger.bucket ?? deps.config.dropBucket}/${trigger.key} and nothing deployed.`,
      { project: trigger.project, key: trigger.key },
      'drop.missing',
    );
  }
  const plan = planDeploy(bundle, {
    project: trigger.project,
    ...normalized.request,
    stackRegion: deps.config.region,
    secretPrefix: deps.config.secretPrefix,
    runtimeArtifact: deps.config.runtimeArtifact,
    ...(deps.config.defaultModel ? { stackDefaultModel: deps.config.defaultModel } : {}),
  });
  const planKey = ArtifactKeys.plan(trigger.project, base.deployId);
  const planned = { ...base, region: plan.region };
  if (!plan.deployable || !bundle.ok) return rejectDrop(planned, plan, [], planKey, state, deps);
  // Before any other service is asked anything: a target AgentCore or the model cannot serve is refused here.
  const target = preflightTarget(plan, { allowedRegions: deps.config.agentCoreRegions });
  if (target.length > 0) return rejectDrop(planned, plan, target, planKey, state, deps);

  const preflight = await preflightSecrets(
    secretsClient(deps),
    plan.secretNames.map((name) => ({ name, secretId: `${deps.config.secretPrefix}${name}` })),
  );
  if (preflight.diagnostics.length > 0)
    return rejectDrop(planned, plan, preflight.diagnostics, planKey, state, deps);
  const artifact = withSecrets(plan, preflight.versions);
  return decideDeploy(planned, artifact, bundle.tree, planKey, state, trigger.force || plan.force, deps);
}

async function decideDeploy(
  base: DecisionBase,
  plan: PlannedArtifact,
  tree: FileTree,
  planKey: string,
  state: ProjectState | null,
  force: boolean,
  deps: PipelineDeps,
): Promise<PlanDecision> {
  const mode = plan.mode!;
  const name = plan.name!;
  const owner = { stackName: deps.config.stackName, project: plan.project };
  let live: LiveResource | null;
  let adopted: ResourceInfo | null = null;
  // A first deploy lists the account's resources once: for one holding the name, and for the quota count.
  let listed: ResourceSummary[] | undefined;
  if (state) {
    const found = await getLiveResource(
      agentCoreControl(deps, state.region),
      state.mode,
      state.resource.id ?? '',
    );
    live = found && { status: found.status, owned: true };
  } else {
    const control = agentCoreControl(deps, plan.region);
    listed = await listResources(control, mode);
    const found = await findLiveResourceByName(control, mode, name, owner, listed);
    live = found && { status: found.status, owned: found.owned, owner: found.owner };
    if (found) adopted = { name: found.name, id: found.id, arn: found.arn, version: found.version };
  }
  const decided = decideState({
    state: state && {
      mode: state.mode,
      region: state.region,
      name: state.resource.name,
      fingerprint: state.fingerprint,
    },
    live,
    target: { mode, region: plan.region, name },
    fingerprint: plan.fingerprint!,
    force,
  });
  if (decided.decision === null) return rejectDrop(base, plan, [decided.diagnostic!], planKey, state, deps);

  const common: Partial<PlanDecision> = {
    mode,
    rev: state?.rev ?? 0,
    fingerprint: plan.fingerprint,
    specHash: plan.specHash,
    smoke: plan.smoke,
    diagnostics: summarizeDiagnostics(plan.diagnostics),
  };
  if (decided.decision === 'skip') {
    return shapeDecision(base, {
      ...common,
      action: 'skip',
      skipReason: 'unchanged',
      resource: state!.resource,
    });
  }
  const resource =
    decided.decision === 'update' ? (state?.resource ?? adopted ?? namedResource(name)) : namedResource(name);
  // Still before anything is touched: a deploy that would pass one of the account's AgentCore quotas is refused.
  const quotas = await checkQuotas(deps, {
    mode,
    region: plan.region,
    decision: decided.decision,
    resourceId: decided.decision === 'update' ? resource.id : null,
    ...(listed !== undefined ? { listed } : {}),
  });
  if (quotas.length > 0) return rejectDrop(base, plan, quotas, planKey, state, deps);
  const previous =
    decided.decision === 'replace' && state
      ? { ...state.resource, mode: state.mode, region: state.region }
      : { name: null, id: null, arn: null, version: null, mode: null, region: null };
  const artifact = mode === 'runtime' ? (plan.code ? 'code' : 'container') : null;
  const codePackage = artifact === 'code' ? await writeCodePackage(plan, tree, deps) : null;
  if (codePackage?.problems.length) return rejectDrop(base, plan, codePackage.problems, planKey, state, deps);
  await deps.artifacts.putJson(planKey, plan);
  const buildContextKey = artifact === 'container' ? await writeBuildContext(plan, tree, deps) : null;
  if (mode === 'harness') await writeSkillBundles(plan, tree, deps);
  return shapeDecision(base, {
    ...common,
    action: 'deploy',
    decision: decided.decision,
    resource,
    previous,
    artifact,
    artifacts: { planKey, buildContextKey, codePackage: codePackage?.ref ?? null },
    image: artifact === 'container' ? { repositoryName: plan.ecrRepository!, tag: plan.imageTag! } : null,
  });
}

/**
 * A teardown. With nothing in STATE it still goes through the lock (a first deploy may be running: the delete
 * then waits behind it as a pending drop) and is decided again under the lock, where it deletes a resource a
 * failed run left recorded for clean-up, or finds nothing to destroy (docs/state-machine.md §2.5).
 */
async function decideTeardown(
  base: DecisionBase,
  state: ProjectState | null,
  lockHeld: boolean,
  deps: PipelineDeps,
): Promise<PlanDecision> {
  if (state) {
    return shapeDecision(base, {
      action: 'destroy',
      decision: 'delete',
      mode: state.mode,
      region: state.region,
      rev: state.rev,
      fingerprint: state.fingerprint,
      specHash: state.specHash,
      resource: state.resource,
    });
  }
  if (!lockHeld) return shapeDecision(base, { action: 'destroy', decision: 'delete' });
  const left = await leftResource(base.trigger.project, deps);
  if (!left) return shapeDecision(base, { action: 'skip', skipReason: 'nothing-to-destroy' });
  return shapeDecision(base, {
    action: 'destroy',
    decision: 'delete',
    mode: left.mode,
    region: left.region,
    resource: left.resource,
  });
}

/** The first resource recorded for clean-up that still exists; entries of resources gone are forgotten. */
async function leftResource(
  project: string,
  deps: PipelineDeps,
): Promise<{ mode: 'harness' | 'runtime'; region: string; resource: ResourceInfo } | null> {
  for (const entry of await deps.store.cleanup.list(project)) {
    const control = agentCoreControl(deps, entry.region);
    const owner = { stackName: deps.config.stackName, project };
    const live = entry.id
      ? await getLiveResource(control, entry.mode, entry.id)
      : await findLiveResourceByName(control, entry.mode, entry.name, owner);
    if (live) {
      const resource = { name: live.name, id: live.id, arn: live.arn, version: live.version };
      return { mode: entry.mode, region: entry.region, resource };
    }
    await deps.store.cleanup.forget(project, entry.mode, entry.name);
  }
  return null;
}

/** An invalid drop: every diagnostic goes to the plan artifact, the first 20 errors to the decision. */
async function rejectDrop(
  base: DecisionBase,
  plan: Plan,
  extra: readonly Diagnostic[],
  planKey: string,
  state: ProjectState | null,
  deps: PipelineDeps,
): Promise<PlanDecision> {
  const diagnostics = sortDiagnostics([...plan.diagnostics, ...extra]);
  await deps.artifacts.putJson(planKey, { ...plan, diagnostics, deployable: false });
  return shapeDecision(base, {
    mode: plan.mode,
    rev: state?.rev ?? 0,
    specHash: plan.specHash,
    smoke: plan.smoke,
    diagnostics: summarizeDiagnostics(diagnostics),
    artifacts: { planKey, buildContextKey: null, codePackage: null },
  });
}

/** Claims the trigger once (S3 delivers at least once; redeploys dedupe by event id); returns a skip if seen. */
async function claimTrigger(base: DecisionBase, deps: PipelineDeps): Promise<PlanDecision | null> {
  const { trigger } = base;
  const nowSeconds = Math.floor(base.now.getTime() / 1000);
  const claim = {
    deployId: base.deployId,
    executionArn: base.executionArn,
    nowSeconds,
    ttlSeconds: deps.config.dedupeTtlSeconds,
  };
  const result =
    trigger.kind === 'redeploy'
      ? trigger.eventId
        ? await deps.store.dedupe.claimRedeployEvent({ ...claim, eventId: trigger.eventId })
        : { duplicate: false as const }
      : await deps.store.dedupe.claimObjectEvent({
          ...claim,
          bucket: trigger.bucket!,
          key: trigger.key!,
          versionId: trigger.versionId,
          sequencer: trigger.sequencer,
        });
  if (result.duplicate) return shapeDecision(base, { action: 'skip', skipReason: 'duplicate' });
  if (trigger.kind !== 'redeploy' && trigger.sequencer) {
    const { stale } = await deps.store.dedupe.recordLatestSequencer({
      bucket: trigger.bucket!,
      key: trigger.key!,
      sequencer: trigger.sequencer,
      deployId: base.deployId,
    });
    if (stale) return shapeDecision(base, { action: 'skip', skipReason: 'stale' });
  }
  return null;
}

function withSecrets(plan: Plan, versions: readonly SecretVersion[]): PlannedArtifact {
  const byName = new Map(versions.map((version) => [version.name, version]));
  return {
    ...plan,
    secretBindings: plan.secretBindings.map((binding) => ({
      ...binding,
      versionId: byName.get(binding.name)?.versionId ?? null,
    })),
    fingerprint: fingerprint(plan.specHash!, new Map(versions.map((v) => [v.name, v.versionId]))),
    secretArns: Object.fromEntries(versions.map((v) => [v.name, v.arn])),
  };
}

/**
 * Writes the content-addressed build context once (keyed by specHash, which covers the compiler's template and
 * its pinned lockfile, DESIGN §7, §8), so CodeBuild installs exactly these versions (`npm ci`).
 */
async function writeBuildContext(plan: Plan, tree: FileTree, deps: PipelineDeps): Promise<string> {
  const key = ArtifactKeys.buildContext(plan.project, plan.specHash!);
  if (!(await deps.artifacts.exists(key))) {
    await deps.artifacts.putBytes(key, zipBuildContext(compileRuntime(plan, tree)), 'application/zip');
  }
  return key;
}

/**
 * Writes the content-addressed code package once (keyed by specHash, which covers the bundled agent's hash) and
 * returns the version that holds it, which the runtime pins; a zip over AgentCore's limit is
 * `runtime.code_zip_too_large` instead. A stored package passed that check when it was written: it is neither
 * compiled nor zipped again.
 */
async function writeCodePackage(
  plan: Plan,
  tree: FileTree,
  deps: PipelineDeps,
): Promise<{ ref: CodePackageRef | null; problems: Diagnostic[] }> {
  const key = ArtifactKeys.codePackage(plan.project, plan.specHash!);
  const stored = await deps.artifacts.storedVersion(key);
  if (stored !== undefined) return { ref: { key, versionId: stored }, problems: [] };
  const zip = zipBuildContext(compileCodePackage(plan, tree, await deps.runtimeAgent()));
  const problems = checkCodeZipSize(zip.byteLength);
  if (problems.length > 0) return { ref: null, problems };
  return { ref: { key, versionId: await deps.artifacts.putBytes(key, zip, 'application/zip') }, problems };
}

/**
 * Uploads each harness skill bundle to its content-addressed prefix; `SKILL.md`, the marker of a complete
 * prefix, is written last, so a prefix a crash left half-written is completed by the next run.
 */
async function writeSkillBundles(plan: Plan, tree: FileTree, deps: PipelineDeps): Promise<void> {
  for (const skill of plan.skillBundles) {
    const files = new Map(skill.files.map((file) => [file, tree.files.get(`${skill.source}/${file}`)!]));
    await deps.artifacts.putSkillBundle(skill.s3Prefix!, files);
  }
}
