import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { itemKeys, receiptPrefix } from './keys.js';
import type { StoreOptions } from './store-options.js';
import type { Receipt } from './types.js';

/** Writes and reads deploy receipts (`PROJECT#<p>`/`DEPLOY#<deployId>`). */
export class ReceiptStore {
  constructor(private readonly options: StoreOptions) {}

  /**
   * Writes a receipt; writing the same deployId again replaces it (a run records exactly one outcome, a
   * redrive overwrites its own). `expiresAt` (epoch seconds) lets TTL collect old receipts.
   */
  async putReceipt(receipt: Receipt, expiresAt?: number): Promise<void> {
    await this.options.documents.send(
      new PutCommand({
        TableName: this.options.tableName,
        Item: {
          ...itemKeys.receipt(receipt.project, receipt.deployId),
          ...receipt,
          ...(expiresAt ? { expiresAt } : {}),
        },
      }),
    );
  }

  /** Returns one receipt, or null. */
  async getReceipt(project: string, deployId: string): Promise<Receipt | null> {
    const { Item } = await this.options.documents.send(
      new GetCommand({ TableName: this.options.tableName, Key: itemKeys.receipt(project, deployId) }),
    );
    return Item ? stripKeys(Item) : null;
  }

  /** Returns the project's receipts, newest first (deployIds are time-ordered). @default limit 20 */
  async listReceipts(project: string, options: { readonly limit?: number } = {}): Promise<Receipt[]> {
    const { Items } = await this.options.documents.send(
      new QueryCommand({
        TableName: this.options.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': `PROJECT#${project}`, ':prefix': receiptPrefix },
        ScanIndexForward: false,
        Limit: options.limit ?? 20,
      }),
    );
    return (Items ?? []).map(stripKeys);
  }
}

function stripKeys(item: Record<string, unknown>): Receipt {
  const { PK: _pk, SK: _sk, expiresAt: _expiresAt, ...receipt } = item;
  return receipt as unknown as Receipt;
}
