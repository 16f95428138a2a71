import { ArnFormat, Aws, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnDeliveryDestination, LogGroup, ResourcePolicy } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { LogGroupNames } from '../functions/lib/log-group-names.js';
import type { ResolvedAgentDropProps } from './resolve-props.js';

/** One kind of agent logs: its log group and the delivery destination writing to it. */
export interface AgentLogTarget {
  readonly logGroupName: string;
  readonly destinationArn: string;
}

/** Where the Harness and Runtime functions deliver each agent's application and usage logs, and its traces. */
export interface AgentLogDelivery {
  readonly application: AgentLogTarget;
  readonly usage: AgentLogTarget;
  /** The XRAY delivery destination of agents' TRACES (AgentCore's own spans); null when `agentTraces` is off. */
  readonly traces: { readonly destinationArn: string } | null;
}

/**
 * The static half of agents' log delivery (docs/aws.md "Agent logs"): a log group per log type with the stack's
 * `agentLogRetention`, an `AWS::Logs::DeliveryDestination` for each, and the groups' resource policy letting the
 * log delivery service write to them; and, unless `agentTraces` is off, one XRAY delivery destination for agents'
 * traces (X-Ray needs no resource: the delivery service sets X-Ray's resource policy up on the first delivery,
 * docs/aws.md "Agent traces").
 * The Harness and Runtime functions add each agent's delivery sources and deliveries after creating it (its ARN
 * exists only then) and remove them with it.
 */
export function createAgentLogDelivery(scope: Construct, props: ResolvedAgentDropProps): AgentLogDelivery {
  const kinds = [
    ['application', 'Application'],
    ['usage', 'Usage'],
  ] as const;
  const groups = kinds.map(
    ([kind, id]) =>
      new LogGroup(scope, `Agent${id}Logs`, {
        logGroupName: LogGroupNames.agentLogs(props.stackName, kind),
        retention: props.agentLogRetention,
        removalPolicy: props.removalPolicy,
      }),
  );
  const policy = new ResourcePolicy(scope, 'AgentLogDeliveryPolicy', {
    policyStatements: [
      new PolicyStatement({
        sid: 'AgentLogDelivery',
        principals: [new ServicePrincipal('delivery.logs.amazonaws.com')],
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: groups.map((group) => group.logGroupArn),
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: {
            'aws:SourceArn': Stack.of(scope).formatArn({
              service: 'logs',
              resource: '*',
              arnFormat: ArnFormat.NO_RESOURCE_NAME,
            }),
          },
        },
      }),
    ],
  });
  const [application, usage] = kinds.map(([kind, id], index) => {
    const group = groups[index]!;
    const destination = new CfnDeliveryDestination(scope, `Agent${id}LogDestination`, {
      name: LogGroupNames.agentLogDestination(props.stackName, kind),
      destinationResourceArn: group.logGroupArn,
    });
    // Deliveries to the group need the policy that lets the delivery service write to it.
    destination.node.addDependency(policy);
    return { logGroupName: group.logGroupName, destinationArn: destination.attrArn };
  });
  const traces = props.agentTraces
    ? new CfnDeliveryDestination(scope, 'AgentTraceDestination', {
        name: LogGroupNames.agentTraceDestination(props.stackName),
        deliveryDestinationType: 'XRAY',
      })
    : undefined;
  return {
    application: application!,
    usage: usage!,
    traces: traces === undefined ? null : { destinationArn: traces.attrArn },
  };
}
