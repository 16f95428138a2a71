import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { AgentdropError } from '../../core/errors.js';
import type { ExecutionDocument, RecordResult } from '../lib/contract.js';
import { deployIdOf } from '../lib/deploy-id.js';
import { DetailType, EventSource } from '../lib/detail-types.js';
import { asRecord, normalizeTrigger } from '../lib/normalize-trigger.js';
import { buildOutcome } from '../lib/outcome/index.js';
import { recordLeftResource } from '../lib/record-left-resource.js';
import type { DeployStore } from '../lib/store/index.js';
import type { RunHistoryReader } from './run-history.js';

/** What the finalize function needs, built once per cold start (or by a test, or by the local runner). */
export interface FinalizeDeps {
  readonly store: Pick<DeployStore, 'locks' | 'receipts' | 'state' | 'cleanup'>;
  readonly events: EventBridgeClient;
  readonly eventBusName: string;
  readonly region: string;
  readonly emulated: boolean;
  readonly now: () => Date;
  readonly readHistory: RunHistoryReader;
}

/** What the finalize function did with one status-change event. */
export type FinalizeResult =
  | {
      readonly action: 'finalized';
      readonly project: string;
      readonly deployId: string;
      /** The outcome event the finalizer published, or null when the run had published its own. */
      readonly published: string | null;
      readonly lockReleased: boolean;
      readonly redeploy: boolean;
    }
  | { readonly action: 'ignored'; readonly reason: string };

/** The `detail` of a Step Functions `Execution Status Change` event (the fields read here). */
interface StatusChangeDetail {
  readonly executionArn?: unknown;
  readonly status?: unknown;
  readonly startDate?: unknown;
  readonly input?: unknown;
  readonly error?: unknown;
  readonly cause?: unknown;
}

const EndedStatuses = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);

/**
 * DESIGN §7's "runs that die without their Catch", on AWS (the execution-status-change rule) and locally (the
 * runner) alike. For a run that ended FAILED, TIMED_OUT or ABORTED it makes sure the run has exactly one outcome:
 * when the run's history shows no outcome publish, it publishes the outcome the run had recorded (`$.recorded`:
 * its receipt and STATE are written) or else writes a failure receipt and publishes `Deploy Failed`; then it
 * frees the lock if the run still holds it (and asks for a redeploy of a drop pending on it). The receipt is
 * stamped `finalizedAt` after the publish, so a second delivery of the same status change publishes nothing.
 * @throws EventPublishFailed when EventBridge rejects an entry; SDK errors as they are (the Lambda's async retries
 *   and the rule's retry policy run it again).
 */
export function createFinalizeFunction(deps: FinalizeDeps): (event: unknown) => Promise<FinalizeResult> {
  return async (event: unknown): Promise<FinalizeResult> => {
    const detail = ((event as { detail?: unknown } | null)?.detail ?? {}) as StatusChangeDetail;
    const executionArn = typeof detail.executionArn === 'string' ? detail.executionArn : null;
    const status = typeof detail.status === 'string' ? detail.status : 'FAILED';
    if (!executionArn) return { action: 'ignored', reason: 'the event has no executionArn' };
    if (!EndedStatuses.has(status)) return { action: 'ignored', reason: `the run is ${status}` };

    // The input is the raw trigger event; Step Functions leaves it out above 248 KB, which triggers never reach.
    const input = parseJson(detail.input);
    const history = await deps.readHistory(executionArn);
    const document = {
      ...asRecord(input),
      ...asRecord(history.lastDocument),
    } as ExecutionDocument & { recorded?: RecordResult };
    const startedAt = startTime(detail.startDate, deps.now());
    const project = document.plan?.project ?? normalizeTrigger(document).trigger.project;
    const deployId = document.plan?.deployId ?? deployIdOf(executionArn, startedAt);

    let published: string | null = null;
    const receipt = await deps.store.receipts.getReceipt(project, deployId);
    if (!history.outcomePublished && !receipt?.finalizedAt) {
      published = await publishOutcome(deps, {
        document,
        executionArn,
        startedAt,
        end: describeEnd(status, detail, history.lastState),
      });
      // The run recorded its receipt but could not publish it: stamp it as published now.
      if (document.recorded && receipt)
        await deps.store.receipts.putReceipt({ ...receipt, finalizedAt: deps.now().toISOString() });
    }

    const lock = await deps.store.locks.getLock(project);
    if (lock?.owner !== executionArn) {
      if (published === null)
        return { action: 'ignored', reason: 'the run published its outcome and holds no lock' };
      return { action: 'finalized', project, deployId, published, lockReleased: false, redeploy: false };
    }
    const { pending } = await deps.store.locks.releaseLock({ project, owner: executionArn });
    if (pending) await publish(deps, executionArn, DetailType.RedeployRequested, { project });
    return {
      action: 'finalized',
      project,
      deployId,
      published,
      lockReleased: true,
      redeploy: pending !== null,
    };
  };
}

/** Publishes the recorded outcome, or records and publishes the failure; returns the detail type. */
async function publishOutcome(
  deps: FinalizeDeps,
  run: {
    readonly document: ExecutionDocument & { recorded?: RecordResult };
    readonly executionArn: string;
    readonly startedAt: string;
    readonly end: { readonly state: string; readonly Error: string; readonly Cause: string };
  },
): Promise<string> {
  const { recorded } = run.document;
  if (recorded) {
    await publish(deps, run.executionArn, recorded.detailType, recorded.detail);
    return recorded.detailType;
  }
  // A run that died recording its own failure keeps that failure (state and cause); else it failed where it ended.
  const error = run.document.error ?? { [run.end.state]: { Error: run.end.Error, Cause: run.end.Cause } };
  const failedAt = Object.keys(error)[0] ?? run.end.state;
  const outcome = await landedOutcome(deps, run.document, failedAt);
  // A failure leaves `live` where STATE recorded it (gated promotion).
  const state =
    outcome === 'failed' && run.document.plan && run.document.plan.decision !== 'recreate'
      ? await deps.store.state.getState(run.document.plan.project)
      : null;
  const { receipt, result } = buildOutcome({
    outcome,
    document: { ...run.document, error },
    executionArn: run.executionArn,
    executionStartTime: run.startedAt,
    now: deps.now(),
    fallbackDeployId: deployIdOf(run.executionArn, run.startedAt),
    emulated: deps.emulated,
    region: deps.region,
    lastLive: state?.live ? { version: state.live.version, endpointArn: state.live.endpointArn } : null,
  });
  await publish(deps, run.executionArn, result.detailType, result.detail);
  if (receipt.outcome === 'failed') await recordLeftResource(deps.store, run.document, failedAt, deps.now());
  await deps.store.receipts.putReceipt({ ...receipt, finalizedAt: deps.now().toISOString() });
  return result.detailType;
}

/**
 * A run stopped inside RecordSuccess or RecordDestroyed after its STATE write landed succeeded or destroyed,
 * whatever happened next: the outcome must agree with STATE. Any other run that recorded nothing failed.
 */
async function landedOutcome(
  deps: FinalizeDeps,
  document: ExecutionDocument,
  failedAt: string,
): Promise<'succeeded' | 'destroyed' | 'failed'> {
  const { plan } = document;
  if (!plan || (failedAt !== 'RecordSuccess' && failedAt !== 'RecordDestroyed')) return 'failed';
  const state = await deps.store.state.getState(plan.project);
  if (failedAt === 'RecordSuccess' && state?.lastDeployId === plan.deployId) return 'succeeded';
  if (failedAt === 'RecordDestroyed' && state === null) return 'destroyed';
  return 'failed';
}

/** How the run ended, as the failure record's error: the state it was in, and why it stopped there. */
function describeEnd(
  status: string,
  detail: StatusChangeDetail,
  lastState: string | null,
): { state: string; Error: string; Cause: string } {
  const state = lastState ?? 'Execution';
  if (status === 'FAILED') {
    const name = typeof detail.error === 'string' && detail.error ? detail.error : 'States.Runtime';
    const cause = typeof detail.cause === 'string' && detail.cause ? detail.cause : 'no cause reported';
    return { state, Error: name, Cause: `The run failed outside its failure path: ${cause}` };
  }
  return {
    state,
    Error: `Execution${pascal(status)}`,
    Cause: `The run ended ${status} in state ${state} before it could record its outcome.`,
  };
}

async function publish(
  deps: FinalizeDeps,
  executionArn: string,
  detailType: string,
  detail: unknown,
): Promise<void> {
  const answer = await deps.events.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: deps.eventBusName,
          Source: EventSource,
          DetailType: detailType,
          Detail: JSON.stringify(detail),
          Resources: [executionArn],
        },
      ],
    }),
  );
  if ((answer.FailedEntryCount ?? 0) > 0) {
    const entry = answer.Entries?.find((candidate) => candidate.ErrorCode);
    throw new AgentdropError(
      'EventPublishFailed',
      `EventBridge rejected the ${detailType} event: ${entry?.ErrorMessage ?? 'no message'}.`,
      { detailType, errorCode: entry?.ErrorCode ?? null },
    );
  }
}

function startTime(startDate: unknown, now: Date): string {
  // Status-change events carry epoch milliseconds.
  return typeof startDate === 'number' ? new Date(startDate).toISOString() : now.toISOString();
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function pascal(status: string): string {
  return status
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
