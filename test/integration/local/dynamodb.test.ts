import {
  ConditionalCheckFailedException,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DynamoDbEmulator } from '../../../local/dynamodb/index.js';
import { agentdropTable, startDynamoDbEmulator } from '../../../local/dynamodb/index.js';
import { clientBase, isListening, makeDataDir } from './support.js';

describe('startDynamoDbEmulator', () => {
  let data: ReturnType<typeof makeDataDir>;
  let emulator: DynamoDbEmulator;
  let ddb: DynamoDBClient;

  const start = async (): Promise<void> => {
    emulator = await startDynamoDbEmulator({ dataDir: data.dataDir });
    await emulator.ensureTable(agentdropTable());
    ddb = new DynamoDBClient(clientBase(emulator.endpoint));
  };

  beforeEach(async () => {
    data = makeDataDir();
    await start();
  });

  afterEach(async () => {
    ddb.destroy();
    await emulator.stop();
    data.remove();
  });

  describe('when the agentdrop table is ensured', () => {
    it('returns an ACTIVE on-demand table keyed by PK and SK', async () => {
      await emulator.ensureTable(agentdropTable()); // a second call keeps the table
      const { Table } = await ddb.send(new DescribeTableCommand({ TableName: 'agentdrop' }));
      expect({
        status: Table?.TableStatus,
        keys: Table?.KeySchema,
        billing: Table?.BillingModeSummary?.BillingMode,
      }).toEqual({
        status: 'ACTIVE',
        keys: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        billing: 'PAY_PER_REQUEST',
      });
    });
  });

  describe('when a conditional put collides', () => {
    it('rejects with ConditionalCheckFailedException', async () => {
      const put = new PutItemCommand({
        TableName: 'agentdrop',
        Item: { PK: { S: 'PROJECT#team' }, SK: { S: 'LOCK' } },
        ConditionExpression: 'attribute_not_exists(PK)',
      });
      await ddb.send(put);
      await expect(ddb.send(put)).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    });
  });

  describe('when PutItem is throttled once', () => {
    it('returns success after the SDK retries', async () => {
      emulator.faults.set('PutItem', { kind: 'throttle' });
      const out = await ddb.send(
        new PutItemCommand({ TableName: 'agentdrop', Item: { PK: { S: 'P' }, SK: { S: 'S' } } }),
      );
      expect(out.$metadata.attempts).toBe(2);
    });
  });

  describe('when GetItem fails with 5xx on every attempt', () => {
    it('rejects with InternalServerError', async () => {
      emulator.faults.set('GetItem', { kind: 'server_error', count: 10 });
      const client = new DynamoDBClient({ ...clientBase(emulator.endpoint), maxAttempts: 1 });
      await expect(
        client.send(new GetItemCommand({ TableName: 'agentdrop', Key: { PK: { S: 'P' }, SK: { S: 'S' } } })),
      ).rejects.toMatchObject({ name: 'InternalServerError', $metadata: { httpStatusCode: 500 } });
      client.destroy();
    });
  });

  describe('when restarted on the same data dir', () => {
    it('returns the items written before the stop', async () => {
      await ddb.send(
        new PutItemCommand({
          TableName: 'agentdrop',
          Item: { PK: { S: 'PROJECT#a' }, SK: { S: 'STATE' }, rev: { N: '3' } },
        }),
      );
      ddb.destroy();
      const endpoint = emulator.endpoint;
      await emulator.stop();
      expect(await isListening(endpoint)).toBe(false);
      await start();
      const { Item } = await ddb.send(
        new GetItemCommand({ TableName: 'agentdrop', Key: { PK: { S: 'PROJECT#a' }, SK: { S: 'STATE' } } }),
      );
      expect(Item).toEqual({ PK: { S: 'PROJECT#a' }, SK: { S: 'STATE' }, rev: { N: '3' } });
    });
  });
});
