import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { itemKeys } from './keys.js';
import { isConditionalCheckFailed, type StoreOptions } from './store-options.js';
import type { PendingDrop, ProjectLock } from './types.js';

/**
 * Reads and frees the per-project leased mutex (DESIGN §4.2). The state machine takes and queues on the lock
 * itself (AcquireLock, QueueDrop in `statemachine/deploy.asl.json`); the finalizer frees the lock of a run that
 * died holding it, with ReleaseLock's expression.
 */
export class LockStore {
  constructor(private readonly options: StoreOptions) {}

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
