import { randomBytes, randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from '../eventbridge/index.js';
import { isoSeconds } from '../eventbridge/index.js';

/** What S3 reports as the reason of an object event. */
export const S3EventReason = {
  PutObject: 'PutObject',
  PostObject: 'POST Object',
  CopyObject: 'CopyObject',
  CompleteMultipartUpload: 'CompleteMultipartUpload',
  DeleteObject: 'DeleteObject',
} as const;
export type S3EventReason = (typeof S3EventReason)[keyof typeof S3EventReason];

/** The facts of one object change. */
export interface S3ObjectChange {
  readonly bucket: string;
  readonly key: string;
  readonly reason: S3EventReason;
  readonly versionId: string;
  readonly sequencer: string;
  /** Present on creates. */
  readonly size?: number;
  /** Present on creates, without quotes. */
  readonly etag?: string;
  readonly sourceIpAddress: string;
  readonly region: string;
  readonly accountId: string;
  readonly time: Date;
}

/**
 * Shapes an object change as S3's EventBridge notification (aws-practices §1.2): `Object Created`, or
 * `Object Deleted` with `deletion-type` `Delete Marker Created` as a versioned bucket reports a delete.
 */
export function s3EventBridgeEvent(change: S3ObjectChange): EventBridgeEvent {
  const deleted = change.reason === S3EventReason.DeleteObject;
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': deleted ? 'Object Deleted' : 'Object Created',
    source: 'aws.s3',
    account: change.accountId,
    time: isoSeconds(change.time),
    region: change.region,
    resources: [`arn:aws:s3:::${change.bucket}`],
    detail: {
      version: '0',
      bucket: { name: change.bucket },
      object: {
        key: change.key,
        ...(change.size !== undefined ? { size: change.size } : {}),
        ...(change.etag !== undefined ? { etag: change.etag } : {}),
        'version-id': change.versionId,
        sequencer: change.sequencer,
      },
      'request-id': randomBytes(8).toString('hex').toUpperCase(),
      requester: change.accountId,
      'source-ip-address': change.sourceIpAddress,
      reason: change.reason,
      ...(deleted ? { 'deletion-type': 'Delete Marker Created' } : {}),
    },
  };
}
