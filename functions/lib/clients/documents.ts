import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClientFactory } from '../clients.js';

/** The DynamoDB document client of the stack's table (undefined attributes left out of every write). */
export function documentsClient(client: ClientFactory): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client(DynamoDBClient, 'dynamodb'), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
