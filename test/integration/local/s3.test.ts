import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventBridgeEvent } from '../../../local/eventbridge/index.js';
import type { S3Emulator } from '../../../local/s3/index.js';
import { startS3Emulator } from '../../../local/s3/index.js';
import { clientBase, isListening, makeDataDir } from './support.js';

const bucket = 'agentdrop-drops';

describe('startS3Emulator', () => {
  let data: ReturnType<typeof makeDataDir>;
  let emulator: S3Emulator;
  let s3: S3Client;
  let events: EventBridgeEvent[];

  const start = async (): Promise<void> => {
    emulator = await startS3Emulator({
      dataDir: data.dataDir,
      buckets: [bucket],
      onEvent: (e) => events.push(e),
    });
    s3 = new S3Client({
      ...clientBase(emulator.endpoint),
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  };

  beforeEach(async () => {
    data = makeDataDir();
    events = [];
    await start();
  });

  afterEach(async () => {
    s3.destroy();
    await emulator.stop();
    data.remove();
  });

  describe('when five versions of one key are put at once', () => {
    it('stores each whole: the current object and every version are one of the bodies, in event order', async () => {
      const bodies = [1, 2, 3, 4, 5].map((n) => Buffer.alloc(4000 + n * 10, n));
      const puts = await Promise.all(
        bodies.map((Body) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'drops/race.zip', Body }))),
      );
      const versionIds = events.map(
        (event) => (event.detail as { object: { 'version-id': string } }).object['version-id'],
      );
      expect(new Set(versionIds)).toEqual(new Set(puts.map((put) => put.VersionId)));
      const stored = await Promise.all(
        versionIds.map((id) => emulator.readObject(bucket, 'drops/race.zip', id)),
      );
      const which = stored.map((bytes) => bodies.findIndex((body) => body.equals(bytes!)));
      expect(which.filter((index) => index < 0)).toEqual([]);
      expect(new Set(which).size).toBe(5);
      expect(await emulator.readObject(bucket, 'drops/race.zip')).toEqual(stored.at(-1));
    });
  });

  describe('when an object is put and then deleted', () => {
    it('returns version ids and emits Object Created then Object Deleted with increasing sequencers', async () => {
      const put = await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: 'drops/team.zip', Body: 'zip-bytes' }),
      );
      const deleted = await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'drops/team.zip' }));

      expect(deleted.DeleteMarker).toBe(true);
      expect(events.map((e) => e['detail-type'])).toEqual(['Object Created', 'Object Deleted']);
      const [created, removed] = events as [EventBridgeEvent, EventBridgeEvent];
      const createdObject = (created.detail as { object: { sequencer: string } }).object;
      const removedObject = (removed.detail as { object: { sequencer: string } }).object;
      expect(created).toEqual({
        version: '0',
        id: expect.any(String),
        'detail-type': 'Object Created',
        source: 'aws.s3',
        account: '000000000000',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        region: 'us-west-2',
        resources: [`arn:aws:s3:::${bucket}`],
        detail: {
          version: '0',
          bucket: { name: bucket },
          object: {
            key: 'drops/team.zip',
            size: 9,
            etag: expect.stringMatching(/^[0-9a-f]{32}$/),
            'version-id': put.VersionId,
            sequencer: expect.stringMatching(/^[0-9A-F]{16}$/),
          },
          'request-id': expect.any(String),
          requester: '000000000000',
          'source-ip-address': '127.0.0.1',
          reason: 'PutObject',
        },
      });
      expect(removed.detail).toEqual({
        version: '0',
        bucket: { name: bucket },
        object: { key: 'drops/team.zip', 'version-id': deleted.VersionId, sequencer: expect.any(String) },
        'request-id': expect.any(String),
        requester: '000000000000',
        'source-ip-address': '127.0.0.1',
        reason: 'DeleteObject',
        'deletion-type': 'Delete Marker Created',
      });
      expect(removedObject.sequencer > createdObject.sequencer).toBe(true);
      expect(deleted.VersionId).not.toBe(put.VersionId);
    });
  });

  describe('when keys are deleted one by one, in a batch, or without an object', () => {
    it('returns delete markers and emits one Object Deleted event per key', async () => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'drops/a.zip', Body: 'a' }));
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'drops/b & c.zip', Body: 'b' }));
      events.length = 0;
      const batch = await s3.send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: [{ Key: 'drops/a.zip' }, { Key: 'drops/b & c.zip' }] },
        }),
      );
      const absent = await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'drops/never.zip' }));
      expect(batch.Deleted).toEqual([
        { Key: 'drops/a.zip', DeleteMarker: true, DeleteMarkerVersionId: expect.any(String) },
        { Key: 'drops/b & c.zip', DeleteMarker: true, DeleteMarkerVersionId: expect.any(String) },
      ]);
      expect(absent.DeleteMarker).toBe(true);
      expect(
        events.map((e) => {
          const detail = e.detail as { object: { key: string; 'version-id': string }; reason: string };
          return [e['detail-type'], detail.object.key, detail.object['version-id'], detail.reason];
        }),
      ).toEqual([
        ['Object Deleted', 'drops/a.zip', batch.Deleted![0]!.DeleteMarkerVersionId, 'DeleteObject'],
        ['Object Deleted', 'drops/b & c.zip', batch.Deleted![1]!.DeleteMarkerVersionId, 'DeleteObject'],
        ['Object Deleted', 'drops/never.zip', absent.VersionId, 'DeleteObject'],
      ]);
      await expect(
        s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'drops/a.zip' })),
      ).rejects.toMatchObject({
        name: 'NoSuchKey',
      });
    });
  });

  describe('when objects are copied and uploaded in parts', () => {
    it('returns events whose reasons are CopyObject and CompleteMultipartUpload', async () => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a', Body: 'a' }));
      await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'b', CopySource: `${bucket}/a` }));
      const upload = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'c' }));
      const part = await s3.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: 'c',
          UploadId: upload.UploadId,
          PartNumber: 1,
          Body: 'part',
        }),
      );
      await s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: 'c',
          UploadId: upload.UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
        }),
      );
      expect(events.map((e) => (e.detail as { reason: string }).reason)).toEqual([
        'PutObject',
        'CopyObject',
        'CompleteMultipartUpload',
      ]);
      const sequencers = events.map((e) => (e.detail as { object: { sequencer: string } }).object.sequencer);
      expect([...sequencers].sort()).toEqual(sequencers);
    });
  });

  describe('when a version is asked for', () => {
    it('returns current and noncurrent versions, 405 for a delete marker and NoSuchVersion for an unknown id', async () => {
      const first = await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'one', ContentType: 'text/plain' }),
      );
      const second = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'two' }));
      const current = await s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: 'k', VersionId: second.VersionId }),
      );
      const older = await s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: 'k', VersionId: first.VersionId }),
      );
      const head = await s3.send(
        new HeadObjectCommand({ Bucket: bucket, Key: 'k', VersionId: first.VersionId }),
      );
      expect([
        { versionId: current.VersionId, body: await current.Body?.transformToString() },
        {
          versionId: older.VersionId,
          body: await older.Body?.transformToString(),
          type: older.ContentType,
          etag: older.ETag,
        },
        { length: head.ContentLength, etag: head.ETag },
      ]).toEqual([
        { versionId: second.VersionId, body: 'two' },
        { versionId: first.VersionId, body: 'one', type: 'text/plain', etag: first.ETag },
        { length: 3, etag: first.ETag },
      ]);
      const marker = await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'k' }));
      await expect(
        s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'k', VersionId: marker.VersionId })),
      ).rejects.toMatchObject({ name: 'MethodNotAllowed', $metadata: { httpStatusCode: 405 } });
      const stillThere = await s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: 'k', VersionId: second.VersionId }),
      );
      expect(await stillThere.Body?.transformToString()).toBe('two');
      await expect(
        s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'k', VersionId: 'no-such-version' })),
      ).rejects.toMatchObject({ name: 'NoSuchVersion', $metadata: { httpStatusCode: 404 } });
    });
  });

  describe('when PutObject is throttled once', () => {
    it('returns success after the SDK retries the SlowDown', async () => {
      emulator.faults.set('PutObject', { kind: 'throttle' });
      const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'x' }));
      expect(put.$metadata.attempts).toBe(2);
      expect(emulator.faults.take('PutObject')).toBeUndefined();
    });
  });

  describe('when GetObject answers 500 more often than the SDK retries', () => {
    it('rejects with InternalError', async () => {
      emulator.faults.set('GetObject', { kind: 'server_error', count: 5 });
      const client = new S3Client({ ...clientBase(emulator.endpoint), forcePathStyle: true, maxAttempts: 1 });
      await expect(client.send(new GetObjectCommand({ Bucket: bucket, Key: 'k' }))).rejects.toMatchObject({
        name: 'InternalError',
        $metadata: { httpStatusCode: 500 },
      });
      client.destroy();
    });
  });

  describe('when restarted on the same data dir', () => {
    it('returns the stored object and keeps sequencers increasing', async () => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'kept' }));
      const before = (events[0]!.detail as { object: { sequencer: string } }).object.sequencer;
      s3.destroy();
      const endpoint = emulator.endpoint;
      await emulator.stop();
      expect(await isListening(endpoint)).toBe(false);

      await start();
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'k' }));
      expect(await got.Body?.transformToString()).toBe('kept');
      expect(await emulator.readObject(bucket, 'k')).toEqual(Buffer.from('kept'));
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'k' }));
      const after = (events[1]!.detail as { object: { sequencer: string } }).object.sequencer;
      expect(after > before).toBe(true);
    });
  });
});
