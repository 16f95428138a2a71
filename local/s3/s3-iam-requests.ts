import type { RequestIamQuestion } from '../http/index.js';
import type { S3Request } from './s3-operation.js';

/** Operations authorized as another action (S3 user guide, "Amazon S3 actions" / "Policy actions for S3"). */
const objectActions: Readonly<Record<string, string>> = {
  HeadObject: 'GetObject',
  CopyObject: 'PutObject',
  UploadPart: 'PutObject',
  CreateMultipartUpload: 'PutObject',
  CompleteMultipartUpload: 'PutObject',
  PostObject: 'PutObject',
};
const bucketActions: Readonly<Record<string, string>> = {
  ListObjects: 'ListBucket',
  ListObjectsV2: 'ListBucket',
  ListObjectVersions: 'ListBucketVersions',
  HeadBucket: 'ListBucket',
};

/**
 * The IAM questions of a path-style S3 request: object operations on `arn:aws:s3:::<bucket>/<key>` (a
 * `versionId` makes GetObject/DeleteObject the `…Version` action; HeadObject is GetObject, every upload step
 * PutObject; CopyObject also reads its source), listings on the bucket ARN with `s3:prefix`, ListBuckets on `*`.
 * DeleteObjects names its keys in the body and is authorized per key by S3: here as DeleteObject on the bucket's
 * every key (`bucket/*`), the stricter reading.
 */
export function s3IamRequests(request: S3Request, copySource: string | undefined): RequestIamQuestion[] {
  const { operation, bucket, key, query } = request;
  if (bucket === undefined) return [{ action: 's3:ListAllMyBuckets', resource: '*' }];
  const bucketArn = `arn:aws:s3:::${bucket}`;
  if (key === undefined) {
    if (operation === 'DeleteObjects') return [{ action: 's3:DeleteObject', resource: `${bucketArn}/*` }];
    const listing = query.has('versions') ? 'ListBucketVersions' : bucketActions[operation];
    const prefix = query.get('prefix');
    return [
      {
        action: `s3:${listing ?? operation}`,
        resource: bucketArn,
        ...(listing !== undefined ? { context: { 's3:prefix': prefix ?? '' } } : {}),
      },
    ];
  }
  const versioned =
    query.has('versionId') &&
    (operation === 'GetObject' || operation === 'HeadObject' || operation === 'DeleteObject');
  const base = objectActions[operation] ?? operation;
  const questions: RequestIamQuestion[] = [
    { action: `s3:${base}${versioned ? 'Version' : ''}`, resource: `${bucketArn}/${key}` },
  ];
  if (operation === 'CopyObject' && copySource !== undefined) {
    const source = decodeURIComponent(copySource.replace(/^\//, '').split('?')[0] ?? '');
    questions.push({ action: 's3:GetObject', resource: `arn:aws:s3:::${source}` });
  }
  return questions;
}
