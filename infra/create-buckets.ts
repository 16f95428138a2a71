import { Duration, Validations } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { ResolvedAgentDropProps } from './resolve-props.js';

/** The stack's buckets (DESIGN §4.3). */
export interface AgentDropBuckets {
  /** Users drop `drops/<project>.zip` here; versioned, EventBridge notifications on. */
  readonly dropBucket: Bucket;
  /** Plans, build contexts and skill bundles; never the watched `drops/` prefix (no recursive triggers). */
  readonly artifactsBucket: Bucket;
  /** Server access logs of the other two. */
  readonly accessLogsBucket: Bucket;
}

/**
 * Creates the drop, artifacts and access-log buckets: BlockPublicAccess, TLS only (1.2+), SSE-S3, owner-enforced.
 * The drop bucket sends every S3 event to EventBridge through the L1 property, not `eventBridgeEnabled`, which
 * would add a custom-resource Lambda (aws-practices §1.1).
 */
export function createBuckets(scope: Construct, props: ResolvedAgentDropProps): AgentDropBuckets {
  const hardening = {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    // SSE-S3: AgentCore execution roles read skill bundles without a KMS grant; no key policy to keep in sync.
    encryption: BucketEncryption.S3_MANAGED,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: props.removalPolicy,
  } as const;

  const accessLogsBucket = new Bucket(scope, 'AccessLogsBucket', {
    ...hardening,
    lifecycleRules: [{ expiration: Duration.days(365) }],
  });
  Validations.of(accessLogsBucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'This is the access-log bucket itself; logging it into itself would loop.',
  });

  const dropBucket = new Bucket(scope, 'DropBucket', {
    ...hardening,
    versioned: true,
    serverAccessLogsBucket: accessLogsBucket,
    serverAccessLogsPrefix: 'drop-bucket/',
    lifecycleRules: [
      {
        id: 'ExpireReplacedDrops',
        // Never expire current versions: that would put a delete marker on drops/<p>.zip and tear the agent down.
        // Noncurrent expiry sends `Object Deleted` with `Permanently Deleted`, which the teardown rule ignores.
        noncurrentVersionExpiration: Duration.days(props.noncurrentVersionRetentionDays),
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      },
    ],
  });
  (dropBucket.node.defaultChild as CfnBucket).notificationConfiguration = {
    eventBridgeConfiguration: { eventBridgeEnabled: true },
  };

  const artifactsBucket = new Bucket(scope, 'ArtifactsBucket', {
    ...hardening,
    // A runtime shipped as code pins its package's S3 version (codeConfiguration.code.s3.versionId).
    versioned: true,
    serverAccessLogsBucket: accessLogsBucket,
    serverAccessLogsPrefix: 'artifacts-bucket/',
    lifecycleRules: [
      { id: 'ExpirePlans', prefix: 'plans/', expiration: Duration.days(90) },
      { id: 'AbortUploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      // Artifacts are content-addressed and written once: a noncurrent version only follows a rewrite.
      { id: 'ExpireNoncurrentArtifacts', noncurrentVersionExpiration: Duration.days(7) },
    ],
  });

  return { dropBucket, artifactsBucket, accessLogsBucket };
}
