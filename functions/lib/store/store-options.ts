import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What every store adapter needs: an injected document client and the table name. */
export interface StoreOptions {
  /** A DynamoDB document client (`removeUndefinedValues: true` recommended). */
  readonly documents: DynamoDBDocumentClient;
  /** The single agentdrop table. */
  readonly tableName: string;
}

/** Whether an SDK error is DynamoDB's failed condition (the only error the stores turn into a domain error). */
export function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
