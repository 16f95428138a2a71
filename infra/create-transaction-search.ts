import { Aws } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ResourcePolicy } from 'aws-cdk-lib/aws-logs';
import { CfnTransactionSearchConfig } from 'aws-cdk-lib/aws-xray';
import type { Construct } from 'constructs';

/**
 * CloudWatch Transaction Search for the account and region (the stack's `transactionSearch` prop): X-Ray then
 * writes the spans it receives, agents' delivered traces included, to the `aws/spans` log group. It needs the
 * CloudWatch Logs resource policy letting X-Ray write `aws/spans` and `/aws/application-signals/data`, made first.
 */
export function createTransactionSearch(scope: Construct): void {
  const logs = `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group`;
  const policy = new ResourcePolicy(scope, 'TransactionSearchPolicy', {
    policyStatements: [
      new PolicyStatement({
        sid: 'TransactionSearchXRayAccess',
        principals: [new ServicePrincipal('xray.amazonaws.com')],
        actions: ['logs:PutLogEvents'],
        resources: [`${logs}:aws/spans:*`, `${logs}:/aws/application-signals/data:*`],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:xray:${Aws.REGION}:${Aws.ACCOUNT_ID}:*` },
        },
      }),
    ],
  });
  const config = new CfnTransactionSearchConfig(scope, 'TransactionSearch', { indexingPercentage: 1 });
  config.node.addDependency(policy);
}
