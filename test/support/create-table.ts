import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { agentdropTable } from '../../local/dynamodb/index.js';

/**
 * Creates agentdrop's table and waits until it is ACTIVE: dynalite, like DynamoDB, answers CreateTable while the
 * table is still CREATING, and a write in that window is ResourceNotFoundException.
 */
export async function createAgentdropTable(
  client: Pick<DynamoDBClient, 'send'>,
  tableName: string,
): Promise<void> {
  await client.send(new CreateTableCommand(agentdropTable(tableName) as CreateTableCommandInput));
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
