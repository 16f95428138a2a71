import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { AgentdropError } from '../../core/errors.js';
import type { ExecutionDocument } from '../lib/contract.js';
import { DetailType, EventSource } from '../lib/detail-types.js';
import { buildOutcome } from '../lib/outcome/index.js';
import type { DeployStore } from '../lib/store/index.js';
import { normalizeTrigger } from '../plan/normalize-trigger.js';

/** What the finalize function needs, built once per cold start (or by a test). */
export interface FinalizeDeps {
  readonly store: Pick<DeployStore, 'locks' | 'receipts'>;
  readonly events: EventBridgeClient;
  readonly eventBusName: string;
  readonly region: string;
  readonly emulated: boolean;
  readonly now: () => Date;
}

/** What the finalize function did with one status-change event. */
export type FinalizeResult =
  | {
      readonly action: 'finalized';
      readonly project: string;
      readonly deployId: string;
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

/**
 * The AWS side of DESIGN §7's "runs that die without their Catch": for a run that ended FAILED, TIMED_OUT or
 * ABORTED and still holds its project lock, write the failure receipt, publish `Deploy Failed` (and
 * `Redeploy Requested` for a pending drop), then release the lock. A Catch path releases the lock first, so a run
 * that recorded its own failure is ignored here and nothing is published twice.
 * @throws EventPublishFailed when EventBridge rejects an entry; DynamoDB errors as they are (the Lambda's async
 *   retries and the rule's retry policy run it again; a released lock makes a rerun a no-op).
 */
export function createFinalizeFunction(deps: FinalizeDeps): (event: unknown) => Promise<FinalizeResult> {
  return async (event: unknown): Promise<FinalizeResult> => {
    const detail = ((event as { detail?: unknown } | null)?.detail ?? {}) as StatusChangeDetail;
    const executionArn = typeof detail.executionArn === 'string' ? detail.executionArn : null;
    const status = typeof detail.status === 'string' ? detail.status : 'FAILED';
    if (!executionArn) return { action: 'ignored', reason: 'the event has no executionArn' };
    // The input is the raw trigger event; Step Functions leaves it out above 248 KB, which triggers never reach.
    const input = parseJson(detail.input);
    const trigger = normalizeTrigger(input);
    if (!trigger.ok) return { action: 'ignored', reason: 'the run has no project' };
    const project = trigger.trigger.project;
    const lock = await deps.store.locks.getLock(project);
    if (lock?.owner !== executionArn) return { action: 'ignored', reason: 'the run does not hold the lock' };

    const { receipt, result } = buildOutcome({
      outcome: 'failed',
      document: { ...(input as ExecutionDocument), error: { Execution: describeEnd(status, detail) } },
      executionArn,
      executionStartTime: startTime(detail.startDate, deps.now()),
      now: deps.now(),
      fallbackDeployId: lock.deployId,
      emulated: deps.emulated,
      region: deps.region,
    });
    // No state failed inside the run's own error handling: the receipt says "unknown" (ReceiptError.state).
    const failedState = null;
    await deps.store.receipts.putReceipt({
      ...receipt,
      error: receipt.error ? { ...receipt.error, state: failedState } : null,
    });
    await publish(deps, executionArn, result.detailType, {
      ...result.detail,
      data: { ...result.detail.data, failedState },
    });
    const { pending } = await deps.store.locks.releaseLock({ project, owner: executionArn });
    if (pending) await publish(deps, executionArn, DetailType.RedeployRequested, { project });
    return { action: 'finalized', project, deployId: receipt.deployId, redeploy: pending !== null };
  };
}

function describeEnd(status: string, detail: StatusChangeDetail): { Error: string; Cause: string } {
  if (status === 'FAILED') {
    const name = typeof detail.error === 'string' && detail.error ? detail.error : 'States.Runtime';
    const cause = typeof detail.cause === 'string' && detail.cause ? detail.cause : 'no cause reported';
    return { Error: name, Cause: `The run failed outside its failure path: ${cause}` };
  }
  return {
    Error: `Execution${pascal(status)}`,
    Cause: `The run ended ${status} before it could record its outcome.`,
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
