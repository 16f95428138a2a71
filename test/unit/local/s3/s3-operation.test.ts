import { describe, expect, it } from 'vitest';
import { s3RequestOf } from '../../../../local/s3/index.js';

describe('s3RequestOf', () => {
  it('returns the operation, bucket and decoded key of object requests', () => {
    const request = s3RequestOf('PUT', '/agentdrop-drops/drops/my%20team.zip?x-id=PutObject', {});
    expect({ operation: request.operation, bucket: request.bucket, key: request.key }).toEqual({
      operation: 'PutObject',
      bucket: 'agentdrop-drops',
      key: 'drops/my team.zip',
    });
  });

  it('returns the operation names of the other requests', () => {
    const names = [
      s3RequestOf('GET', '/', {}),
      s3RequestOf('GET', '/b?list-type=2', {}),
      s3RequestOf('PUT', '/b/k', { 'x-amz-copy-source': '/b/j' }),
      s3RequestOf('POST', '/b/k?uploads', {}),
      s3RequestOf('PUT', '/b/k?partNumber=1&uploadId=u', {}),
      s3RequestOf('POST', '/b/k?uploadId=u', {}),
      s3RequestOf('DELETE', '/b/k', {}),
      s3RequestOf('POST', '/b?delete', {}),
      s3RequestOf('HEAD', '/b/k', {}),
    ].map((request) => request.operation);
    expect(names).toEqual([
      'ListBuckets',
      'ListObjectsV2',
      'CopyObject',
      'CreateMultipartUpload',
      'UploadPart',
      'CompleteMultipartUpload',
      'DeleteObject',
      'DeleteObjects',
      'HeadObject',
    ]);
  });
});
