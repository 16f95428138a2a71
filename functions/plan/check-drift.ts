import { createHash } from 'node:crypto';
import { PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { AgentdropError } from '../../core/errors.js';
import { canonicalJson } from '../../core/plan/index.js';
import { ArtifactKeys } from '../lib/artifacts.js';
import { agentCoreControl } from '../lib/clients/agentcore-control.js';
import { eventsClient } from '../lib/clients/events.js';
import { DetailType, EventSource } from '../lib/detail-types.js';
import { type DriftReport, detectDrift, findRecordedPlan } from '../lib/drift/index.js';
import { asRecord } from '../lib/normalize-trigger.js';
import type { PipelineDeps } from '../lib/pipeline-deps.js';
import type { PlannedArtifact } from '../lib/planned-artifact.js';
import type { ProjectState } from '../lib/store/index.js';

/** What to do on drift, besides publishing `Drift Detected`. */
export const OnDrift = { Report: 'report', Redeploy: 'redeploy' } as const;
export type OnDrift = (typeof OnDrift)[keyof typeof OnDrift];

/** The scheduled drift check's input (the schedule's target input): every project, or one. */
export interface DriftCheckInput {
  readonly action: 'drift';
  readonly project?: string;
  /**
   * `redeploy`: each drifted project also gets `Redeploy Requested {force: true}`; a project's `onDrift` in
   * `agentdrop.yaml` wins. @default report
   */
  readonly onDrift?: OnDrift;
}

/** What one check found and asked for. */
export interface DriftCheckResult {
  /** Projects compared; a project a run holds the lock of is not. */
  readonly checked: readonly string[];
  readonly drifted: readonly string[];
  readonly redeployRequested: readonly string[];
}

/** Whether the Plan function's input is the drift schedule's. */
export function isDriftCheckInput(input: unknown): input is DriftCheckInput {
  return asRecord(input).action === 'drift';
}

/** PutEvents takes at most 10 entries per call. */
const PutEventsBatch = 10;

/** Largest value (canonical JSON, UTF-8 bytes) an event carries as is; an event holds at most 256 KiB. */
const MaxEventValueBytes = 4096;

/**
 * Compares each deployed project's live resource with what its last deploy set (read-only on AgentCore),
 * records the result on the project's `DRIFT` item (which `status` shows), publishes `Drift Detected` for each
 * drifted project and, with `onDrift: redeploy`, `Redeploy Requested {force: true}` so the pipeline puts the
 * deployed settings back. A project whose lock is held (a run in progress) is left to the next check. A failed
 * read fails the check (the schedule retries it); nothing is published before every project was checked.
 */
export async function checkDrift(input: DriftCheckInput, deps: PipelineDeps): Promise<DriftCheckResult> {
  const states =
    input.project === undefined
      ? await deps.store.state.listStates()
      : [await deps.store.state.getState(input.project)].filter((state) => state !== null);
  const reports: DriftReport[] = [];
  const redeploy: string[] = [];
  const nowSeconds = Math.floor(deps.now().getTime() / 1000);
  for (const state of states) {
    // A run holding the lock may have changed the resource and not yet STATE: the next check sees it settled.
    const lock = await deps.store.locks.getLock(state.project);
    if (lock !== null && lock.leaseExpiresAt > nowSeconds) continue;
    const { report, plan } = await checkProject(state, deps);
    reports.push(report);
    // The project's manifest wins over the stack's setting.
    if (report.drifted && (plan?.onDrift ?? input.onDrift) === OnDrift.Redeploy) redeploy.push(state.project);
  }
  const drifted = reports.filter((report) => report.drifted);
  const checkedAt = deps.now().toISOString();
  for (const report of reports) {
    const state = states.find((each) => each.project === report.project)!;
    await deps.store.drift.putDrift({
      project: report.project,
      lastDeployId: state.lastDeployId,
      checkedAt,
      drifted: report.drifted,
      deleted: report.deleted,
      fields: report.fields.map((field) => field.field),
    });
  }
  const entries: PutEventsRequestEntry[] = drifted.map((report) => ({
    EventBusName: deps.config.eventBusName,
    Source: `${EventSource}.drift`,
    DetailType: DetailType.DriftDetected,
    Detail: JSON.stringify({
      project: report.project,
      mode: report.mode,
      region: report.region,
      resource: report.resource,
      lastDeployId: states.find((each) => each.project === report.project)!.lastDeployId,
      deleted: report.deleted,
      fields: report.fields.map((field) => ({
        field: field.field,
        expected: eventValue(field.expected),
        actual: eventValue(field.actual),
      })),
      checkedAt,
    }),
  }));
  for (const project of redeploy) {
    entries.push({
      EventBusName: deps.config.eventBusName,
      Source: `${EventSource}.drift`,
      DetailType: DetailType.RedeployRequested,
      Detail: JSON.stringify({ project, force: true }),
    });
  }
  await putEvents(entries, deps);
  return {
    checked: reports.map((report) => report.project),
    drifted: drifted.map((report) => report.project),
    redeployRequested: redeploy,
  };
}

async function checkProject(
  state: ProjectState,
  deps: PipelineDeps,
): Promise<{ report: DriftReport; plan: PlannedArtifact | null }> {
  const plan = await findRecordedPlan(state, (deployId) => readPlan(state.project, deployId, deps));
  const report = await detectDrift({
    control: agentCoreControl(deps, state.region),
    state,
    plan,
    stackName: deps.config.stackName,
  });
  return { report, plan };
}

/** A deploy's stored plan; null when it is absent (a deploy that stored none). */
async function readPlan(
  project: string,
  deployId: string,
  deps: PipelineDeps,
): Promise<PlannedArtifact | null> {
  try {
    const plan = await deps.artifacts.getJson<PlannedArtifact>(ArtifactKeys.plan(project, deployId));
    return plan.planVersion === 1 && plan.project === project ? plan : null;
  } catch (error) {
    if (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound')) return null;
    throw error;
  }
}

async function putEvents(entries: readonly PutEventsRequestEntry[], deps: PipelineDeps): Promise<void> {
  for (let start = 0; start < entries.length; start += PutEventsBatch) {
    const { FailedEntryCount, Entries } = await eventsClient(deps).send(
      new PutEventsCommand({ Entries: entries.slice(start, start + PutEventsBatch) }),
    );
    if (FailedEntryCount) {
      const failed = Entries?.find((entry) => entry.ErrorCode);
      throw new AgentdropError(
        'DriftNotPublished',
        `PutEvents refused ${FailedEntryCount} drift event(s): ${failed?.ErrorCode ?? ''} ${failed?.ErrorMessage ?? ''}`.trim(),
        {},
      );
    }
  }
}

/**
 * A drifted value as the event carries it: as is up to {@link MaxEventValueBytes}, else its size and SHA-256
 * (a long system prompt with inlined knowledge would not fit in an event; `agentdrop drift` shows the values).
 */
function eventValue(value: unknown): unknown {
  const json = canonicalJson(value);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes <= MaxEventValueBytes) return value;
  return { omitted: true, bytes, sha256: createHash('sha256').update(json, 'utf8').digest('hex') };
}
