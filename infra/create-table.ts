import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { ResolvedAgentDropProps } from './resolve-props.js';

/**
 * Creates the single table of DESIGN §4.2: string `PK`/`SK`, on demand, point-in-time recovery, TTL on
 * `expiresAt` (TTL only collects: lock correctness comes from `leaseExpiresAt`). A plain `AWS::DynamoDB::Table`
 * (`Table`, not `TableV2`, which would be a global table). Deletion protection follows the removal policy.
 */
export function createTable(scope: Construct, props: ResolvedAgentDropProps): Table {
  return new Table(scope, 'Table', {
    partitionKey: { name: 'PK', type: AttributeType.STRING },
    sortKey: { name: 'SK', type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    timeToLiveAttribute: 'expiresAt',
    deletionProtection: props.removalPolicy === RemovalPolicy.RETAIN,
    removalPolicy: props.removalPolicy,
  });
}
