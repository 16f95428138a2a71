import { type PipelineConfig, readConfig } from '../../functions/lib/config.js';
import { LogGroupNames } from '../../functions/lib/log-group-names.js';
import { type LocalCloud, LocalResourceNames } from '../cloud/index.js';
import { deliveryArn } from '../logs/index.js';

/** Names of the local stack (DESIGN §7 defaults). */
export const LocalStack = {
  stackName: LocalResourceNames.stackName,
  eventBusName: LocalResourceNames.eventBusName,
  secretPrefix: 'agentdrop/',
  buildProjectName: LocalResourceNames.buildProjectName,
  harnessRoleArn: `arn:aws:iam::000000000000:role/${LocalResourceNames.harnessExecutionRole}`,
  runtimeRoleArn: `arn:aws:iam::000000000000:role/${LocalResourceNames.runtimeExecutionRole}`,
} as const;

/** Stack props of the local pipeline that differ from the defaults. */
export interface LocalPipelineSettings {
  /** The stack's `versionRetention`. @default 10 */
  readonly versionRetention?: number;
  /** The stack's `agentTraces`. @default true */
  readonly agentTraces?: boolean;
}

/**
 * The Lambdas' configuration for the local cloud: the same `readConfig` as on AWS, fed the variables a
 * deployed function would get plus one endpoint override per service — configuration, not code, is what
 * changes (DESIGN §5). `settings` are the stack props a test may change (the rest are the defaults).
 */
export function localPipelineConfig(cloud: LocalCloud, settings: LocalPipelineSettings = {}): PipelineConfig {
  return readConfig({
    TABLE_NAME: cloud.resources.tableName,
    DROP_BUCKET: cloud.resources.dropBucket,
    ARTIFACTS_BUCKET: cloud.resources.artifactsBucket,
    EVENT_BUS_NAME: LocalStack.eventBusName,
    SECRET_PREFIX: LocalStack.secretPrefix,
    STACK_NAME: LocalStack.stackName,
    HARNESS_ROLE_ARN: LocalStack.harnessRoleArn,
    RUNTIME_ROLE_ARN: LocalStack.runtimeRoleArn,
    REGION: cloud.region,
    AGENTDROP_EMULATED: 'true',
    AGENTDROP_ENDPOINT_S3: cloud.endpoints.s3,
    AGENTDROP_ENDPOINT_DYNAMODB: cloud.endpoints.dynamodb,
    AGENTDROP_ENDPOINT_EVENTS: cloud.endpoints.eventbridge,
    AGENTDROP_ENDPOINT_CODEBUILD: cloud.endpoints.codebuild,
    AGENTDROP_ENDPOINT_ECR: cloud.endpoints.ecr,
    AGENTDROP_ENDPOINT_SECRETSMANAGER: cloud.endpoints.secretsmanager,
    AGENTDROP_ENDPOINT_AGENTCORECONTROL: cloud.endpoints['agentcore-control'],
    AGENTDROP_ENDPOINT_AGENTCORE: cloud.endpoints.agentcore,
    AGENTDROP_ENDPOINT_SERVICEQUOTAS: cloud.endpoints.servicequotas,
    AGENTDROP_ENDPOINT_LOGS: cloud.endpoints.logs,
    ...agentLogVariables(cloud, settings.agentTraces ?? true),
    ...(settings.versionRetention !== undefined
      ? { VERSION_RETENTION: String(settings.versionRetention) }
      : {}),
    ...(settings.agentTraces !== undefined ? { AGENT_TRACES: String(settings.agentTraces) } : {}),
  });
}

/**
 * The stack's agent log groups and delivery destinations (traces: XRAY, only with `agentTraces`, as the stack's
 * template makes it), as the local cloud creates them on start.
 */
function agentLogVariables(cloud: LocalCloud, traces: boolean): Record<string, string> {
  const destination = (kind: 'application' | 'usage') =>
    deliveryArn(cloud, 'delivery-destination', LogGroupNames.agentLogDestination(LocalStack.stackName, kind));
  return {
    AGENT_APPLICATION_LOG_GROUP: LogGroupNames.agentLogs(LocalStack.stackName, 'application'),
    AGENT_APPLICATION_LOG_DESTINATION: destination('application'),
    AGENT_USAGE_LOG_GROUP: LogGroupNames.agentLogs(LocalStack.stackName, 'usage'),
    AGENT_USAGE_LOG_DESTINATION: destination('usage'),
    ...(traces
      ? {
          AGENT_TRACE_DESTINATION: deliveryArn(
            cloud,
            'delivery-destination',
            LogGroupNames.agentTraceDestination(LocalStack.stackName),
          ),
        }
      : {}),
  };
}
