import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { cleanupPrefix, itemKeys } from './keys.js';
import type { StoreOptions } from './store-options.js';

/** An AgentCore resource a failed run may have created that STATE does not record (`PROJECT#<p>`/`CLEANUP#…`). */
export interface CleanupEntry {
  readonly project: string;
  readonly mode: 'harness' | 'runtime';
  readonly region: string;
  /** The resource name (ours, deterministic); the id when the run learnt it. */
  readonly name: string;
  readonly id: string | null;
  /** The deploy that left it. */
  readonly deployId: string;
  readonly recordedAt: string;
}

/**
 * Resources recorded for clean-up (docs/state-machine.md §8): a run that fails after its create may leave a
 * harness or runtime that STATE does not record. The next drop adopts it (spec §11) and forgets the entry; a
 * teardown with nothing in STATE deletes it.
 */
export class CleanupStore {
  constructor(private readonly options: StoreOptions) {}

  /** Records a resource for clean-up; recording the same resource again replaces the entry. */
  async record(entry: CleanupEntry): Promise<void> {
    await this.options.documents.send(
      new PutCommand({
        TableName: this.options.tableName,
        Item: { ...itemKeys.cleanup(entry.project, entry.mode, entry.name), ...entry },
      }),
    );
  }

  /** The project's entries, oldest resource name first. */
  async list(project: string): Promise<CleanupEntry[]> {
    const { Items } = await this.options.documents.send(
      new QueryCommand({
        TableName: this.options.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': itemKeys.state(project).PK, ':prefix': cleanupPrefix },
        ConsistentRead: true,
      }),
    );
    return (Items ?? []).map(({ PK: _pk, SK: _sk, ...entry }) => entry as CleanupEntry);
  }

  /** Forgets a resource (STATE records it now, or it was deleted); forgetting an absent entry succeeds. */
  async forget(project: string, mode: 'harness' | 'runtime', name: string): Promise<void> {
    await this.options.documents.send(
      new DeleteCommand({ TableName: this.options.tableName, Key: itemKeys.cleanup(project, mode, name) }),
    );
  }
}
