import type { CreateTableInput } from './call-dynamodb.js';

/** The agentdrop table (DESIGN §4.2): string `PK`/`SK`, on demand. */
export function agentdropTable(tableName = 'agentdrop'): CreateTableInput {
  return {
    TableName: tableName,
    AttributeDefinitions: [
      { AttributeName: 'PK', AttributeType: 'S' },
      { AttributeName: 'SK', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
  };
}
