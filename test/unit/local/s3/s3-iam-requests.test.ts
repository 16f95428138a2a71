import { describe, expect, it } from 'vitest';
import { s3IamRequests, s3RequestOf } from '../../../../local/s3/index.js';

const questionsOf = (method: string, url: string, copySource?: string) =>
  s3IamRequests(s3RequestOf(method, url, copySource ? { 'x-amz-copy-source': copySource } : {}), copySource);

describe('s3IamRequests', () => {
  it('authorizes object reads on the object ARN, a versioned read as GetObjectVersion, HEAD as GetObject', () => {
    expect([
      ...questionsOf('GET', '/agentdrop-drops/drops/a.zip?x-id=GetObject'),
      ...questionsOf('GET', '/agentdrop-drops/drops/a.zip?versionId=v1'),
      ...questionsOf('HEAD', '/agentdrop-artifacts/plans/p.json'),
    ]).toEqual([
      { action: 's3:GetObject', resource: 'arn:aws:s3:::agentdrop-drops/drops/a.zip' },
      { action: 's3:GetObjectVersion', resource: 'arn:aws:s3:::agentdrop-drops/drops/a.zip' },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::agentdrop-artifacts/plans/p.json' },
    ]);
  });

  it('authorizes every upload step as PutObject and a copy also as a read of its source', () => {
    expect([
      ...questionsOf('POST', '/b/k?uploads'),
      ...questionsOf('PUT', '/b/k?partNumber=1&uploadId=u'),
      ...questionsOf('POST', '/b/k?uploadId=u'),
      ...questionsOf('PUT', '/b/k', '/src/a%20b.txt'),
    ]).toEqual([
      { action: 's3:PutObject', resource: 'arn:aws:s3:::b/k' },
      { action: 's3:PutObject', resource: 'arn:aws:s3:::b/k' },
      { action: 's3:PutObject', resource: 'arn:aws:s3:::b/k' },
      { action: 's3:PutObject', resource: 'arn:aws:s3:::b/k' },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::src/a b.txt' },
    ]);
  });

  it('authorizes deletes, a versioned one as DeleteObjectVersion', () => {
    expect([...questionsOf('DELETE', '/b/k'), ...questionsOf('DELETE', '/b/k?versionId=v1')]).toEqual([
      { action: 's3:DeleteObject', resource: 'arn:aws:s3:::b/k' },
      { action: 's3:DeleteObjectVersion', resource: 'arn:aws:s3:::b/k' },
    ]);
  });

  it('authorizes listings on the bucket ARN with s3:prefix, and ListBuckets on *', () => {
    expect([
      ...questionsOf('GET', '/b?list-type=2&prefix=plans%2F'),
      ...questionsOf('GET', '/b?versions&prefix=drops%2Fa.zip'),
      ...questionsOf('HEAD', '/b'),
      ...questionsOf('GET', '/'),
    ]).toEqual([
      { action: 's3:ListBucket', resource: 'arn:aws:s3:::b', context: { 's3:prefix': 'plans/' } },
      {
        action: 's3:ListBucketVersions',
        resource: 'arn:aws:s3:::b',
        context: { 's3:prefix': 'drops/a.zip' },
      },
      { action: 's3:ListBucket', resource: 'arn:aws:s3:::b', context: { 's3:prefix': '' } },
      { action: 's3:ListAllMyBuckets', resource: '*' },
    ]);
  });
});
