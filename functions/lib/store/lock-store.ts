import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { LockBusyError, LockNotHeldError } from '../errors.js';
import { itemKeys } from './keys.js';
import { isConditionalCheckFailed, type StoreOptions } from './store-options.js';
import type { PendingDrop, ProjectLock } from './types.js';

/** Options of {@link LockStore.acquireLock}. */
export interface AcquireLockOptions {
  readonly project: string;
  /** Execution ARN of the run taking the lock. */
  readonly owner: string;
  readonly deployId: string;
  /** Epoch seconds "now", injected (the caller owns the clock). */
  readonly nowSeconds: number;
  /** Lease length; the lock is free once it has passed. */
  readonly leaseSeconds: number;
  /** How long after the lease the item may be collected by TTL. @default 172800 (2 days) */
  readonly ttlAfterLeaseSeconds?: number;
}

/**
 * The per-project leased mutex (DESIGN §4.2; the same expressions as AcquireLock/QueueDrop/ReleaseLock in
 * `statemachine/deploy.asl.json`). Correctness comes from `leaseExpiresAt` in the condition, never from TTL.
 */
export class LockStore {
  constructor(private readonly options: StoreOptions) {}

  /**
   * Takes the lock when it is free, expired or already ours (re-entrant for the same execution); a pending drop
   * left by a holder that died stays on the item so this run's release redeploys it.
   * @throws LockBusy when another execution holds an unexpired lease.
   */
  async acquireLock(options: AcquireLockOptions): Promise<ProjectLock> {
    const leaseExpiresAt = options.nowSeconds + options.leaseSeconds;
    try {
      const { Attributes } = await this.options.documents.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: itemKeys.lock(options.project),
          UpdateExpression:
            'SET #owner = :me, leaseExpiresAt = :lease, expiresAt = :ttl, deployId = :deployId',
          ConditionExpression: 'attribute_not_exists(PK) OR leaseExpiresAt < :now OR #owner = :me',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: {
            ':me': options.owner,
            ':now': options.nowSeconds,
            ':lease': leaseExpiresAt,
            ':ttl': leaseExpiresAt + (options.ttlAfterLeaseSeconds ?? 172_800),
            ':deployId': options.deployId,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toLock(options.project, Attributes ?? {});
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const holder = await this.getLock(options.project);
      throw new LockBusyError({ project: options.project, owner: holder?.owner }, { cause: error });
    }
  }

  /**
   * Remembers a drop on the lock another execution holds (latest wins: it replaces any earlier pending drop).
   * @throws LockNotHeld when nobody else holds an unexpired lease (take the lock instead).
   */
  async queueDrop(options: {
    readonly project: string;
    readonly requester: string;
    readonly nowSeconds: number;
    readonly pending: PendingDrop;
  }): Promise<void> {
    try {
      await this.options.documents.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: itemKeys.lock(options.project),
          UpdateExpression: 'SET pending = :pending',
          ConditionExpression: 'attribute_exists(#owner) AND #owner <> :me AND leaseExpiresAt >= :now',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: {
            ':me': options.requester,
            ':now': options.nowSeconds,
            ':pending': options.pending,
          },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error))
        throw new LockNotHeldError({ project: options.project }, { cause: error });
      throw error;
    }
  }

  /**
   * Frees the lock if `owner` still holds it and returns the pending drop it carried. Releasing a lock that is
   * not ours (expired and taken over, or already released) is a no-op that reports `released: false`.
   */
  async releaseLock(options: { readonly project: string; readonly owner: string }): Promise<{
    readonly released: boolean;
    readonly pending: PendingDrop | null;
  }> {
    try {
      const { Attributes } = await this.options.documents.send(
        new DeleteCommand({
          TableName: this.options.tableName,
          Key: itemKeys.lock(options.project),
          ConditionExpression: '#owner = :me',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':me': options.owner },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return { released: true, pending: (Attributes?.pending as PendingDrop | undefined) ?? null };
    } catch (error) {
      if (isConditionalCheckFailed(error)) return { released: false, pending: null };
      throw error;
    }
  }

  /** Returns the lock item, or null when the project is not locked. Expired leases are returned as they are. */
  async getLock(project: string): Promise<ProjectLock | null> {
    const { Item } = await this.options.documents.send(
      new GetCommand({
        TableName: this.options.tableName,
        Key: itemKeys.lock(project),
        ConsistentRead: true,
      }),
    );
    return Item ? toLock(project, Item) : null;
  }
}

function toLock(project: string, item: Record<string, unknown>): ProjectLock {
  return {
    project,
    owner: String(item.owner ?? ''),
    deployId: String(item.deployId ?? ''),
    leaseExpiresAt: Number(item.leaseExpiresAt ?? 0),
    pending: (item.pending as PendingDrop | undefined) ?? null,
  };
}
