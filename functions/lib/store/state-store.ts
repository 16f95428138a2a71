import { DeleteCommand, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { StateConflictError } from '../errors.js';
import { itemKeys } from './keys.js';
import { isConditionalCheckFailed, type StoreOptions } from './store-options.js';
import type { ProjectState } from './types.js';

/** Reads and writes the project STATE item with optimistic locking on `rev` (DESIGN §4.2, §7). */
export class StateStore {
  constructor(private readonly options: StoreOptions) {}

  /** Returns the project's STATE, or null when the project has none. */
  async getState(project: string): Promise<ProjectState | null> {
    const { Item } = await this.options.documents.send(
      new GetCommand({
        TableName: this.options.tableName,
        Key: itemKeys.state(project),
        ConsistentRead: true,
      }),
    );
    if (!Item) return null;
    const { PK: _pk, SK: _sk, ...state } = Item;
    return state as ProjectState;
  }

  /** Every project's STATE, sorted by project (a Scan: for the CLI's listings and the drift check). */
  async listStates(): Promise<ProjectState[]> {
    const states: ProjectState[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.options.documents.send(
        new ScanCommand({
          TableName: this.options.tableName,
          FilterExpression: 'SK = :state',
          ExpressionAttributeValues: { ':state': 'STATE' },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const { PK: _pk, SK: _sk, ...state } = item;
        states.push(state as ProjectState);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return states.sort((a, b) => (a.project < b.project ? -1 : 1));
  }

  /** The current `rev` of the project's STATE; 0 when there is none. Deploy steps compare it with the plan's. */
  async getRev(project: string): Promise<number> {
    return (await this.getState(project))?.rev ?? 0;
  }

  /**
   * Writes STATE if it is still at `expectedRev` (0 = must not exist) and returns the new rev. Idempotent per
   * deploy: the same write retried after it landed (a Step Functions retry of RecordSuccess) finds its own
   * `lastDeployId` at `expectedRev + 1` and succeeds again without moving `rev`.
   * @throws StateConflict when another writer moved `rev`.
   */
  async putState(state: Omit<ProjectState, 'rev'>, expectedRev: number): Promise<number> {
    const rev = expectedRev + 1;
    const unchanged = expectedRev === 0 ? 'attribute_not_exists(PK)' : '#rev = :expected';
    try {
      await this.options.documents.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: { ...itemKeys.state(state.project), ...state, rev },
          ConditionExpression: `${unchanged} OR (#rev = :next AND lastDeployId = :deployId)`,
          ExpressionAttributeNames: { '#rev': 'rev' },
          ExpressionAttributeValues: {
            ...(expectedRev === 0 ? {} : { ':expected': expectedRev }),
            ':next': rev,
            ':deployId': state.lastDeployId,
          },
        }),
      );
      return rev;
    } catch (error) {
      if (isConditionalCheckFailed(error))
        throw new StateConflictError({ project: state.project, expectedRev }, { cause: error });
      throw error;
    }
  }

  /**
   * Deletes STATE if it is still at `expectedRev` (teardown). Deleting an absent STATE succeeds.
   * @throws StateConflict when another writer moved `rev`.
   */
  async clearState(project: string, expectedRev: number): Promise<void> {
    try {
      await this.options.documents.send(
        new DeleteCommand({
          TableName: this.options.tableName,
          Key: itemKeys.state(project),
          ConditionExpression: 'attribute_not_exists(PK) OR #rev = :expected',
          ExpressionAttributeNames: { '#rev': 'rev' },
          ExpressionAttributeValues: { ':expected': expectedRev },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error))
        throw new StateConflictError({ project, expectedRev }, { cause: error });
      throw error;
    }
  }
}
