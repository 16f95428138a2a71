import { Aws } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ResolvedAgentDropProps } from './resolve-props.js';

/**
 * What the Harness and Runtime functions need to deliver their agents' logs and traces (functions/lib/log-delivery):
 * the agent's delivery sources (named `<stack>-…`) and deliveries to the stack's destinations, created with the
 * agent and deleted with it; with `agentTraces`, X-Ray's resource-policy actions a delivery to X-Ray needs; and
 * AgentCore's permission to deliver a resource's vended logs.
 */
export function agentLogDeliveryStatements(props: ResolvedAgentDropProps): PolicyStatement[] {
  const logs = `arn:${Aws.PARTITION}:logs:${props.region}:${props.account}`;
  const destinations = `${logs}:delivery-destination:${props.stackName}-agent-*`;
  return [
    new PolicyStatement({
      sid: 'AgentLogDeliverySources',
      actions: ['logs:PutDeliverySource', 'logs:DeleteDeliverySource'],
      // delivery-* matches the delivery-source type, and the delivery-destination type the IAM data lists for
      // DeleteDeliverySource; both only under the stack's name.
      resources: [`${logs}:delivery-*:${props.stackName}-*`],
    }),
    new PolicyStatement({
      sid: 'CreateAgentLogDeliveries',
      actions: ['logs:CreateDelivery'],
      resources: [`${logs}:delivery:*`, `${logs}:delivery-source:${props.stackName}-*`, destinations],
    }),
    new PolicyStatement({
      sid: 'DeleteAgentLogDeliveries',
      actions: ['logs:DeleteDelivery'],
      resources: [`${logs}:delivery:*`],
    }),
    new PolicyStatement({
      sid: 'DescribeAgentLogDeliveries',
      actions: ['logs:DescribeDeliveries'],
      resources: ['*'],
    }),
    // What CloudWatch Logs asks of whoever sets up a delivery to X-Ray ("Traces sent to X-Ray"): it lists or puts
    // X-Ray's account resource policy letting the delivery service send the spans. Neither action has a resource
    // type in the IAM data. Without agentTraces there is no such delivery.
    ...(props.agentTraces
      ? [
          new PolicyStatement({
            sid: 'AgentTraceDeliveryXRayPolicy',
            actions: ['xray:ListResourcePolicies', 'xray:PutResourcePolicy'],
            resources: ['*'],
          }),
        ]
      : []),
    new PolicyStatement({
      sid: 'AllowAgentVendedLogs',
      actions: ['bedrock-agentcore:AllowVendedLogDeliveryForResource'],
      resources: ['*'],
    }),
  ];
}
