import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ProjectState } from '../../functions/lib/store/index.js';

/** Every `PROJECT#<p>`/`STATE` item of the table without its keys, sorted by project. */
export async function scanStates(
  documents: DynamoDBDocumentClient,
  tableName: string,
): Promise<ProjectState[]> {
  const states: ProjectState[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: tableName,
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
