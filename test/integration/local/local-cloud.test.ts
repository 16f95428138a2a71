import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../../local/cloud/index.js';
import { DefaultLocalRequestTimeoutMs, startLocalCloud } from '../../../local/cloud/index.js';
import { freePort, isListening, makeDataDir } from './support.js';

describe('startLocalCloud', () => {
  let data: ReturnType<typeof makeDataDir>;
  let cloud: LocalCloud | undefined;

  beforeEach(() => {
    data = makeDataDir();
  });

  afterEach(async () => {
    await cloud?.stop();
    cloud = undefined;
    data.remove();
  });

  describe('when started on an empty data dir', () => {
    it('returns every endpoint within a second, with the buckets and the table created', async () => {
      cloud = await startLocalCloud({ dataDir: data.dataDir });
      expect(cloud.startupMs).toBeLessThan(1000);
      expect({ region: cloud.region, accountId: cloud.accountId, dataDir: cloud.dataDir }).toEqual({
        region: 'us-west-2',
        accountId: '000000000000',
        dataDir: data.dataDir,
      });
      expect(Object.keys(cloud.endpoints).sort()).toEqual([
        'agentcore',
        'agentcore-control',
        'codebuild',
        'dynamodb',
        'ecr',
        'eventbridge',
        'logs',
        'model',
        'otlp',
        's3',
        'secretsmanager',
        'servicequotas',
      ]);
      for (const endpoint of Object.values(cloud.endpoints)) expect(await isListening(endpoint)).toBe(true);
      expect(cloud.clientConfig('s3')).toEqual({
        endpoint: cloud.endpoints.s3,
        region: 'us-west-2',
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        forcePathStyle: true,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        requestHandler: { socketTimeout: DefaultLocalRequestTimeoutMs },
      });
      expect(cloud.clientConfig('events')).toEqual({
        endpoint: cloud.endpoints.eventbridge,
        region: 'us-west-2',
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        requestHandler: { socketTimeout: DefaultLocalRequestTimeoutMs },
      });
      const ddb = new DynamoDBClient(cloud.clientConfig('dynamodb'));
      const table = await ddb.send(new DescribeTableCommand({ TableName: 'agentdrop' }));
      ddb.destroy();
      expect(table.Table?.TableStatus).toBe('ACTIVE');
    });
  });

  describe('when a base port is given', () => {
    it('returns endpoints on consecutive ports in service order', async () => {
      const base = await freePort();
      cloud = await startLocalCloud({ dataDir: data.dataDir, basePort: base });
      const ports = Object.fromEntries(
        Object.entries(cloud.endpoints).map(([service, endpoint]) => [
          service,
          Number(new URL(endpoint).port) - base,
        ]),
      );
      expect(ports).toEqual({
        s3: 0,
        dynamodb: 1,
        eventbridge: 2,
        codebuild: 3,
        ecr: 4,
        secretsmanager: 5,
        agentcore: 6,
        'agentcore-control': 6,
        model: 7,
        logs: 9,
        servicequotas: 10,
        otlp: 11,
      });
    });
  });

  describe('when a drop is uploaded', () => {
    it('returns an Object Created event on the default bus that a rule receives', async () => {
      cloud = await startLocalCloud({ dataDir: data.dataDir });
      const received: string[] = [];
      cloud.events.addRule({
        pattern: {
          source: ['aws.s3'],
          'detail-type': ['Object Created'],
          detail: { bucket: { name: ['agentdrop-drops'] }, object: { key: [{ wildcard: 'drops/*.zip' }] } },
        },
        target: (event) => {
          received.push((event.detail as { object: { key: string } }).object.key);
        },
      });
      const s3 = new S3Client(cloud.clientConfig('s3'));
      const put = await s3.send(
        new PutObjectCommand({ Bucket: 'agentdrop-drops', Key: 'drops/team.zip', Body: 'z' }),
      );
      s3.destroy();
      await cloud.events.drain();
      expect(received).toEqual(['drops/team.zip']);
      expect(
        cloud.events
          .events('default')
          .map((e) => (e.detail as { object: { 'version-id': string } }).object['version-id']),
      ).toEqual([put.VersionId]);
    });
  });

  describe('when a service fault is set', () => {
    it('returns the same injector for a service and its alias, and the SDK retries the throttle', async () => {
      cloud = await startLocalCloud({
        dataDir: data.dataDir,
        faults: [{ service: 'events', operation: 'PutEvents', fault: { kind: 'throttle' } }],
      });
      expect(cloud.faults('events')).toBe(cloud.faults('eventbridge'));
      expect(cloud.faults('agentcore-control')).toBe(cloud.faults('agentcore'));
      const client = new EventBridgeClient(cloud.clientConfig('eventbridge'));
      const out = await client.send(
        new PutEventsCommand({
          Entries: [{ EventBusName: 'agentdrop', Source: 'agentdrop', DetailType: 'X', Detail: '{}' }],
        }),
      );
      client.destroy();
      expect(out.$metadata.attempts).toBe(2);
    });
  });

  describe('when stopped and started again on the same data dir', () => {
    it('closes every port, then returns the objects and events stored before', async () => {
      const handlesBefore = tcpHandles();
      cloud = await startLocalCloud({ dataDir: data.dataDir });
      const s3 = new S3Client(cloud.clientConfig('s3'));
      await s3.send(new PutObjectCommand({ Bucket: 'agentdrop-artifacts', Key: 'plans/a.json', Body: '{}' }));
      s3.destroy();
      const events = cloud.events.events();
      const endpoints = Object.values(cloud.endpoints);
      await cloud.stop();
      await cloud.stop(); // a second stop is harmless
      expect(tcpHandles()).toEqual(handlesBefore);
      for (const endpoint of endpoints) expect(await isListening(endpoint)).toBe(false);

      cloud = await startLocalCloud({ dataDir: data.dataDir });
      const again = new S3Client(cloud.clientConfig('s3'));
      const got = await again.send(
        new GetObjectCommand({ Bucket: 'agentdrop-artifacts', Key: 'plans/a.json' }),
      );
      expect(await got.Body?.transformToString()).toBe('{}');
      again.destroy();
      expect(cloud.events.events()).toEqual(events);
    });
  });
});

/** Open TCP servers and sockets of this process, by kind. */
function tcpHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (kind.startsWith('TCP')) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}
