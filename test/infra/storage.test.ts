import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthDefaultStack } from './synth-stack.js';

let template: Template;

beforeAll(async () => {
  template = (await synthDefaultStack()).template;
});

function bucketId(name: 'DropBucket' | 'ArtifactsBucket' | 'AccessLogsBucket'): string {
  const ids = Object.keys(template.findResources('AWS::S3::Bucket')).filter((id) =>
    id.startsWith(`AgentDrop${name}`),
  );
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

describe('createBuckets', () => {
  describe('the drop bucket', () => {
    it('is versioned, private, SSE-S3 encrypted, owner-enforced and logs access', () => {
      const bucket = template.findResources('AWS::S3::Bucket')[bucketId('DropBucket')];
      expect(bucket?.Properties).toMatchObject({
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LoggingConfiguration: {
          DestinationBucketName: { Ref: bucketId('AccessLogsBucket') },
          LogFilePrefix: 'drop-bucket/',
        },
      });
      expect(bucket?.DeletionPolicy).toBe('Retain');
    });

    it('sends S3 events to EventBridge through the L1 property, without a custom resource', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
      });
      expect(template.findResources('Custom::S3BucketNotifications')).toEqual({});
      expect(Object.keys(template.findResources('AWS::Lambda::Function'))).toHaveLength(6);
    });

    it('expires only noncurrent versions, never the current drop', () => {
      const bucket = template.findResources('AWS::S3::Bucket')[bucketId('DropBucket')];
      expect(bucket?.Properties.LifecycleConfiguration).toEqual({
        Rules: [
          {
            Id: 'ExpireReplacedDrops',
            Status: 'Enabled',
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          },
        ],
      });
    });

    it('denies plain HTTP and TLS below 1.2 in its bucket policy', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucketId('DropBucket') },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
          ]),
        },
      });
    });
  });

  describe('the artifacts bucket', () => {
    it('is a separate private versioned bucket without EventBridge notifications', () => {
      const bucket = template.findResources('AWS::S3::Bucket')[bucketId('ArtifactsBucket')];
      expect(bucket?.Properties.NotificationConfiguration).toBeUndefined();
      // Code packages are pinned by S3 version id (codeConfiguration.code.s3.versionId).
      expect(bucket?.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(bucket?.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    });
  });
});

describe('createTable', () => {
  it('returns a plain on-demand PK/SK table with PITR, TTL on expiresAt and deletion protection', () => {
    expect(template.findResources('AWS::DynamoDB::GlobalTable')).toEqual({});
    const tables = Object.values(template.findResources('AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(1);
    expect(tables[0]).toEqual({
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        AttributeDefinitions: [
          { AttributeName: 'PK', AttributeType: 'S' },
          { AttributeName: 'SK', AttributeType: 'S' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      },
      UpdateReplacePolicy: 'Retain',
      DeletionPolicy: 'Retain',
    });
  });
});
