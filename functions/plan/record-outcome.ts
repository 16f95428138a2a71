import { getLiveResource } from '../lib/agentcore/index.js';
import { codePackageUri } from '../lib/artifacts.js';
import { agentCoreControl } from '../lib/clients/agentcore-control.js';
import type { RecordInput, RecordResult } from '../lib/contract.js';
import { deployIdOf } from '../lib/deploy-id.js';
import { normalizeTrigger } from '../lib/normalize-trigger.js';
import { buildOutcome } from '../lib/outcome/index.js';
import type { PipelineDeps } from '../lib/pipeline-deps.js';
import { recordLeftResource } from '../lib/record-left-resource.js';
import type { PassedVersion, ProjectState } from '../lib/store/index.js';

/** Passed versions STATE keeps per resource (rollback targets). */
const MaxPassedVersions = 20;

/**
 * The record step (docs/state-machine.md §2.2): one receipt per run, STATE (and the secret-use index) written
 * after a success and cleared after a teardown, and the outcome event for the state machine to publish.
 */
export async function recordOutcome(input: RecordInput, deps: PipelineDeps): Promise<RecordResult> {
  const now = deps.now();
  const { plan, poll, build } = input.document;
  // STATE before this run's write: the live version a failure leaves in place, the passed versions a success extends.
  // A Plan that threw (e.g. a refused rollback) wrote no decision: the project comes from the trigger then.
  const normalized = plan ? null : normalizeTrigger(input.document);
  const project = plan?.project ?? (normalized?.ok ? normalized.trigger.project : null);
  const before =
    project !== null && (input.outcome === 'failed' || input.outcome === 'succeeded')
      ? await deps.store.state.getState(project)
      : null;
  const { receipt, result } = buildOutcome({
    outcome: input.outcome,
    document: input.document,
    executionArn: input.executionArn,
    executionStartTime: input.executionStartTime,
    now,
    fallbackDeployId: deployIdOf(input.executionArn, input.executionStartTime),
    emulated: deps.config.emulated,
    region: deps.config.region,
    // A recreate replaces a resource that was gone, and its endpoints with it: nothing is live then.
    lastLive:
      before?.live && plan?.decision !== 'recreate'
        ? { version: before.live.version, endpointArn: before.live.endpointArn }
        : null,
  });
  if (input.outcome === 'succeeded' && plan?.decision === 'rollback' && before && poll?.live) {
    // A rollback moves only `live`: the resource, image, fingerprint and passed versions stay as recorded, and
    // `resource.version` names the version the last successful run put live (as after a deploy).
    const { rev: _rev, ...recorded } = before;
    await deps.store.state.putState(
      {
        ...recorded,
        resource: { ...recorded.resource, version: poll.live.version },
        live: poll.live,
        lastDeployId: plan.deployId,
        updatedAt: now.toISOString(),
      },
      plan.rev,
    );
  } else if (input.outcome === 'succeeded' && plan?.mode && plan.fingerprint && plan.specHash && poll) {
    const imageUri = build?.exportedEnvironmentVariables.find((v) => v.Name === 'IMAGE_URI')?.Value ?? null;
    const digest = build?.exportedEnvironmentVariables.find((v) => v.Name === 'IMAGE_DIGEST')?.Value ?? null;
    const planned = await readPlanned(plan.artifacts.planKey, deps);
    // Every read and the index come before STATE: a step that fails after STATE landed would record a failure
    // for a deploy STATE calls current. A stale index entry only costs a redeploy that plans unchanged.
    await deps.store.secretUses.replace(plan.project, planned.secretNames);
    await deps.store.state.putState(
      {
        project: plan.project,
        mode: plan.mode,
        region: plan.region,
        resource: {
          name: poll.resource.name ?? plan.resource.name ?? plan.project,
          id: poll.resource.id,
          arn: poll.resource.arn,
          version: poll.resource.version,
          ...(poll.resource.memoryId ? { memoryId: poll.resource.memoryId } : {}),
        },
        fingerprint: plan.fingerprint,
        specHash: plan.specHash,
        image: imageUri && digest ? `${imageUri.replace(/:[^:/@]+$/, '')}@${digest}` : null,
        ...(plan.artifacts.codePackage
          ? { codePackage: codePackageUri({ bucket: deps.artifacts.bucket, ...plan.artifacts.codePackage }) }
          : {}),
        skillPrefixes: plan.mode === 'harness' ? planned.skillPrefixes : [],
        lastDeployId: plan.deployId,
        updatedAt: now.toISOString(),
        live: poll.live ?? null,
        // Versions the promotion deleted beyond the retention are no rollback targets any more.
        passedVersions: passedVersions(before, poll.resource, plan.deployId, now).filter(
          (entry) => !poll.versionCleanup?.deleted.includes(entry.version),
        ),
      },
      plan.rev,
    );
  }
  if (input.outcome === 'succeeded' && plan?.mode && plan.resource.name)
    await deps.store.cleanup.forget(plan.project, plan.mode, plan.resource.name);
  if (input.outcome === 'destroyed' && plan) {
    await deps.store.secretUses.replace(plan.project, []);
    await deps.store.state.clearState(plan.project, plan.rev);
    await deps.store.drift.clearDrift(plan.project);
    if (plan.mode && plan.resource.name)
      await deps.store.cleanup.forget(plan.project, plan.mode, plan.resource.name);
  }
  if (input.outcome === 'failed') {
    await recordLeftResource(deps.store, input.document, receipt.error?.state ?? null, now);
    await forgetDeletedResource(input.document, deps);
  }
  // A trigger that was never planned is not done: a redelivery of its event must be planned, not skipped.
  if (input.outcome === 'failed' && !plan) {
    const normalized = normalizeTrigger(input.document);
    await deps.store.dedupe.releaseClaim({ trigger: normalized.trigger, executionArn: input.executionArn });
  }
  await deps.store.receipts.putReceipt(receipt);
  return result;
}

/**
 * The passed versions after a success: those recorded for the same resource (a new resource starts afresh), with
 * this version last. A retry of the same write gives the same list.
 */
export function passedVersions(
  before: ProjectState | null,
  resource: { readonly id: string | null; readonly version: string | null },
  deployId: string,
  now: Date,
): PassedVersion[] {
  const kept =
    before !== null && before.resource.id === resource.id ? [...(before.passedVersions ?? [])] : [];
  if (resource.version === null) return kept;
  const earlier = kept.find((entry) => entry.version === resource.version && entry.deployId === deployId);
  const others = kept.filter((entry) => entry.version !== resource.version);
  const entry = earlier ?? { version: resource.version, deployId, passedAt: now.toISOString() };
  return [...others, entry].slice(-MaxPassedVersions);
}

/** What STATE and the secret-use index record from the deployed plan: skill prefixes and secret names. */
async function readPlanned(
  planKey: string | null,
  deps: PipelineDeps,
): Promise<{ skillPrefixes: string[]; secretNames: string[] }> {
  if (!planKey) return { skillPrefixes: [], secretNames: [] };
  const plan = await deps.artifacts.getJson<{
    skillBundles: { s3Prefix: string | null }[];
    secretNames?: string[];
  }>(planKey);
  return {
    skillPrefixes: plan.skillBundles.flatMap((skill) => (skill.s3Prefix ? [skill.s3Prefix] : [])),
    secretNames: plan.secretNames ?? [],
  };
}

/**
 * A teardown that failed after its delete landed (e.g. its status check was denied) leaves STATE recording a
 * resource that is gone: STATE is cleared so it agrees with AgentCore. When the resource cannot be read, STATE
 * stays, and the next teardown or drop finds out.
 */
async function forgetDeletedResource(document: RecordInput['document'], deps: PipelineDeps): Promise<void> {
  const { plan } = document;
  if (plan?.action !== 'destroy' || !plan.mode || !plan.resource.id) return;
  const control = agentCoreControl(deps, plan.region);
  const live = await getLiveResource(control, plan.mode, plan.resource.id).catch(() => undefined);
  if (live === null) await deps.store.state.clearState(plan.project, plan.rev);
}
