import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ExecutionDocument } from '../../functions/lib/contract.js';
import { DetailType, EventSource } from '../../functions/lib/detail-types.js';
import { buildOutcome } from '../../functions/lib/outcome/index.js';
import { LockStore, ReceiptStore } from '../../functions/lib/store/index.js';
import { putEvents } from './service-tasks.js';
import type { ExecutionStatus, PublishedEvent } from './types.js';

/** What the finaliser knows about a run that ended without its own Catch path. */
export interface FinaliseRunOptions {
  readonly documents: DynamoDBDocumentClient;
  readonly events: EventBridgeClient;
  readonly tableName: string;
  readonly eventBusName: string;
  readonly executionArn: string;
  readonly status: ExecutionStatus;
  readonly error: { readonly error: string; readonly cause: string } | undefined;
  /** The last execution document seen (a state's input), holding `$.plan` once Plan ran. */
  readonly lastDocument: unknown;
  /** The state the run was in when it ended. */
  readonly lastState: string | null;
  readonly startedAt: Date;
  readonly region: string;
  readonly published: PublishedEvent[];
}

/**
 * The local stand-in for the execution-status-change rule (DESIGN §7): if a run that ended FAILED, ABORTED or
 * TIMED_OUT still holds its project lock, write the failure receipt, publish `Deploy Failed` (and a redeploy
 * of a pending drop), then release the lock. A Catch path releases the lock first, so nothing is published twice.
 * Returns whether it had anything to do.
 */
export async function finaliseRun(options: FinaliseRunOptions): Promise<boolean> {
  const plan = readPlan(options.lastDocument);
  if (!plan) return false;
  const store = { documents: options.documents, tableName: options.tableName };
  const locks = new LockStore(store);
  if ((await locks.getLock(plan.project))?.owner !== options.executionArn) return false;

  const name =
    options.status === 'FAILED'
      ? (options.error?.error ?? 'States.Runtime')
      : `Execution${pascal(options.status)}`;
  const message =
    options.status === 'FAILED'
      ? `The run failed outside its failure path: ${options.error?.cause ?? 'no cause reported'}.`
      : `The run ended ${options.status} before it could record its outcome.`;
  const { receipt, result } = buildOutcome({
    outcome: 'failed',
    document: {
      ...(options.lastDocument as ExecutionDocument),
      error: { [options.lastState ?? 'Unknown']: { Error: name, Cause: message } },
    },
    executionArn: options.executionArn,
    executionStartTime: options.startedAt.toISOString(),
    now: new Date(),
    fallbackDeployId: plan.deployId,
    emulated: true,
    region: options.region,
  });
  await new ReceiptStore(store).putReceipt(receipt);
  const entry = { EventBusName: options.eventBusName, Source: EventSource };
  await putEvents(
    options.events,
    { Entries: [{ ...entry, DetailType: result.detailType, Detail: result.detail }] },
    options.executionArn,
    options.published,
  );
  const { pending } = await locks.releaseLock({ project: plan.project, owner: options.executionArn });
  if (pending) {
    await putEvents(
      options.events,
      {
        Entries: [{ ...entry, DetailType: DetailType.RedeployRequested, Detail: { project: plan.project } }],
      },
      options.executionArn,
      options.published,
    );
  }
  return true;
}

function readPlan(document: unknown): { project: string; deployId: string } | null {
  const plan = (document as { plan?: { project?: unknown; deployId?: unknown } } | null)?.plan;
  if (!plan || typeof plan.project !== 'string' || typeof plan.deployId !== 'string') return null;
  return { project: plan.project, deployId: plan.deployId };
}

function pascal(status: string): string {
  return status
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
