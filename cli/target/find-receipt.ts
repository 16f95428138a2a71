import type { DeployStore, Receipt } from '../../functions/lib/store/index.js';
import type { FollowedRun } from './deploy-target.js';

/** How hard {@link findReceipt} looks. */
export interface FindReceiptOptions {
  /** Lookups before giving up. @default 1 */
  readonly attempts?: number;
  /** Waits between lookups. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly intervalMs?: number;
}

/**
 * The receipt of a run: by its deploy id when known, else the project's recent receipt written by the
 * same execution. A run that died without its failure path gets its receipt from the status-change
 * cleanup a moment later, hence the optional retries.
 */
export async function findReceipt(
  store: DeployStore,
  run: FollowedRun,
  options: FindReceiptOptions = {},
): Promise<Receipt | null> {
  const attempts = options.attempts ?? 1;
  for (let attempt = 1; ; attempt++) {
    const receipt = run.deployId
      ? await store.receipts.getReceipt(run.project, run.deployId)
      : ((await store.receipts.listReceipts(run.project, { limit: 10 })).find(
          (candidate) => candidate.executionArn === run.executionArn,
        ) ?? null);
    if (receipt || attempt >= attempts) return receipt;
    await options.sleep?.(options.intervalMs ?? 0);
  }
}
