import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { itemKeys } from './keys.js';
import type { StoreOptions } from './store-options.js';
import type { DriftRecord } from './types.js';

/** The last scheduled drift check of each project (`PROJECT#<p>`/`DRIFT`), which `status` shows. */
export class DriftStore {
  constructor(private readonly options: StoreOptions) {}

  /** The project's last drift check, or null when none ran. */
  async getDrift(project: string): Promise<DriftRecord | null> {
    const { Item } = await this.options.documents.send(
      new GetCommand({ TableName: this.options.tableName, Key: itemKeys.drift(project) }),
    );
    if (!Item) return null;
    const { PK: _pk, SK: _sk, ...record } = Item;
    return record as DriftRecord;
  }

  /** Replaces the project's last drift check. */
  async putDrift(record: DriftRecord): Promise<void> {
    await this.options.documents.send(
      new PutCommand({
        TableName: this.options.tableName,
        Item: { ...itemKeys.drift(record.project), ...record },
      }),
    );
  }

  /** Forgets the project's drift check (teardown). Deleting an absent item succeeds. */
  async clearDrift(project: string): Promise<void> {
    await this.options.documents.send(
      new DeleteCommand({ TableName: this.options.tableName, Key: itemKeys.drift(project) }),
    );
  }
}
