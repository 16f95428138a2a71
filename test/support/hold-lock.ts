import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { itemKeys, type PendingDrop } from '../../functions/lib/store/index.js';

/**
 * Writes the LOCK item as the state machine's AcquireLock (and QueueDrop, with `pending`) leave it: the state
 * machine owns the locking, so tests that need a lock held by some other run write that item directly.
 */
export async function holdLock(
  documents: DynamoDBDocumentClient,
  tableName: string,
  lock: {
    readonly project: string;
    readonly owner: string;
    readonly deployId: string;
    readonly leaseExpiresAt: number;
    readonly pending?: PendingDrop;
  },
): Promise<void> {
  await documents.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...itemKeys.lock(lock.project),
        owner: lock.owner,
        deployId: lock.deployId,
        leaseExpiresAt: lock.leaseExpiresAt,
        expiresAt: lock.leaseExpiresAt + 172_800,
        ...(lock.pending ? { pending: lock.pending } : {}),
      },
    }),
  );
}

/** Sets the pending drop on a held LOCK item, as QueueDrop does for a run that found the lock busy. */
export async function queuePending(
  documents: DynamoDBDocumentClient,
  tableName: string,
  project: string,
  pending: PendingDrop,
): Promise<void> {
  await documents.send(
    new UpdateCommand({
      TableName: tableName,
      Key: itemKeys.lock(project),
      UpdateExpression: 'SET pending = :pending',
      ConditionExpression: 'attribute_exists(#owner)',
      ExpressionAttributeNames: { '#owner': 'owner' },
      ExpressionAttributeValues: { ':pending': pending },
    }),
  );
}
