import { fileURLToPath } from 'node:url';
import type { RequestedArtifact } from '../../core/plan/index.js';
import { ConfigMissingError } from './errors.js';

/** AWS services the pipeline calls; each can be pointed at an emulator with `AGENTDROP_ENDPOINT_<SERVICE>`. */
export const ServiceName = {
  S3: 's3',
  DynamoDB: 'dynamodb',
  EventBridge: 'events',
  CodeBuild: 'codebuild',
  Ecr: 'ecr',
  SecretsManager: 'secretsmanager',
  AgentCoreControl: 'agentcorecontrol',
  AgentCore: 'agentcore',
  StepFunctions: 'sfn',
  ServiceQuotas: 'servicequotas',
  Logs: 'logs',
} as const;
export type ServiceName = (typeof ServiceName)[keyof typeof ServiceName];

/** Environment variable names that override each service's endpoint. */
const EndpointVariable: Readonly<Record<ServiceName, string>> = {
  s3: 'AGENTDROP_ENDPOINT_S3',
  dynamodb: 'AGENTDROP_ENDPOINT_DYNAMODB',
  events: 'AGENTDROP_ENDPOINT_EVENTS',
  codebuild: 'AGENTDROP_ENDPOINT_CODEBUILD',
  ecr: 'AGENTDROP_ENDPOINT_ECR',
  secretsmanager: 'AGENTDROP_ENDPOINT_SECRETSMANAGER',
  agentcorecontrol: 'AGENTDROP_ENDPOINT_AGENTCORECONTROL',
  agentcore: 'AGENTDROP_ENDPOINT_AGENTCORE',
  sfn: 'AGENTDROP_ENDPOINT_SFN',
  servicequotas: 'AGENTDROP_ENDPOINT_SERVICEQUOTAS',
  logs: 'AGENTDROP_ENDPOINT_LOGS',
};

/** Configuration of the pipeline's Lambdas, read once at module scope. */
export interface PipelineConfig {
  /** The single DynamoDB table (DESIGN §4.2). */
  readonly tableName: string;
  /** The bucket users drop `drops/<project>.zip` into. */
  readonly dropBucket: string;
  /** Where plans, build contexts and skill bundles go (never under `drops/`). */
  readonly artifactsBucket: string;
  /** The custom bus outcome events go to. */
  readonly eventBusName: string;
  /** Prefix of the secrets agentdrop reads (`<secretPrefix>NAME`). */
  readonly secretPrefix: string;
  /** Stack name, used for the `agentdrop:stack` ownership tag. */
  readonly stackName: string;
  /** Region of the stack. @default AWS_REGION, then 'us-west-2' */
  readonly region: string;
  /** Lock lease length. @default 7200 (the state machine's own timeout) */
  readonly lockLeaseSeconds: number;
  /** Dedupe item lifetime. @default 604800 (7 days, DESIGN §4.2) */
  readonly dedupeTtlSeconds: number;
  /** Endpoint overrides per service (local cloud); absent = the AWS default endpoint. */
  readonly endpoints: Readonly<Partial<Record<ServiceName, string>>>;
  /** Whether the functions run against the embedded local cloud (receipts say `emulated: true`). */
  readonly emulated: boolean;
  /** The stack's default model for agents that name none (DEFAULT_MODEL). @default null — claude-haiku-4-5 (spec §1.4) */
  readonly defaultModel: string | null;
  /** Regions the stack may deploy agents to (AGENT_CORE_REGIONS, comma-separated). @default the stack's region */
  readonly agentCoreRegions: readonly string[];
  /** Execution role AgentCore assumes for harnesses (HARNESS_ROLE_ARN). */
  readonly harnessRoleArn: string;
  /** Execution role AgentCore assumes for runtimes (RUNTIME_ROLE_ARN). */
  readonly runtimeRoleArn: string;
  /**
   * The stack's default `runtime.artifact` for drops that set none (RUNTIME_ARTIFACT).
   * @default 'container' — runtimes ship as images CodeBuild builds
   */
  readonly runtimeArtifact: RequestedArtifact;
  /**
   * The pre-bundled runtime agent a code package carries (RUNTIME_AGENT_PATH).
   * @default `runtime-agent.mjs` beside the function's bundle, where the package build puts it
   */
  readonly runtimeAgentPath: string;
  /**
   * Runtime versions kept after a promotion (VERSION_RETENTION): older ones are deleted unless `live`, `candidate`
   * or one of the newest this many that passed their smoke test points at them. @default 10
   */
  readonly versionRetention: number;
  /**
   * Whether runtime agents export their spans to X-Ray's OTLP endpoint, signed as their execution role
   * (AGENT_TRACES, `false` turns it off): the runtime configuration then sets `AGENT_OBSERVABILITY_ENABLED=true`.
   * The stack's same switch leaves AGENT_TRACE_DESTINATION unset when off, so no TRACES delivery is made either.
   * @default true
   */
  readonly agentTraces: boolean;
  /**
   * The stack's log groups and delivery destinations for agents' application and usage logs
   * (AGENT_APPLICATION_LOG_GROUP, AGENT_APPLICATION_LOG_DESTINATION, AGENT_USAGE_LOG_GROUP,
   * AGENT_USAGE_LOG_DESTINATION), and the XRAY destination for their traces (AGENT_TRACE_DESTINATION, optional);
   * null without the log groups: agents' logs and traces are then not delivered.
   */
  readonly agentLogs: AgentLogDestinations | null;
}

/** Where agents' vended logs go: a log group and the delivery destination writing to it, per log type. */
export interface AgentLogDestinations {
  readonly application: { readonly logGroup: string; readonly destinationArn: string };
  readonly usage: { readonly logGroup: string; readonly destinationArn: string };
  /** AgentCore's TRACES go to X-Ray (`aws/spans` with Transaction Search); null: traces are not delivered. */
  readonly traces: { readonly destinationArn: string } | null;
}

/** Runtime versions kept after a promotion unless the stack says otherwise (`versionRetention`). */
export const DefaultVersionRetention = 10;

const required = {
  tableName: 'TABLE_NAME',
  dropBucket: 'DROP_BUCKET',
  artifactsBucket: 'ARTIFACTS_BUCKET',
  eventBusName: 'EVENT_BUS_NAME',
  secretPrefix: 'SECRET_PREFIX',
  stackName: 'STACK_NAME',
  harnessRoleArn: 'HARNESS_ROLE_ARN',
  runtimeRoleArn: 'RUNTIME_ROLE_ARN',
} as const;

/**
 * Reads the pipeline configuration from environment variables, failing fast on the first missing one.
 * @throws ConfigMissing naming the variable that is missing or malformed.
 */
export function readConfig(env: Readonly<Record<string, string | undefined>>): PipelineConfig {
  const values = Object.fromEntries(
    Object.entries(required).map(([field, variable]) => [field, readRequired(env, variable)]),
  ) as Record<keyof typeof required, string>;
  const endpoints: Partial<Record<ServiceName, string>> = {};
  for (const [service, variable] of Object.entries(EndpointVariable) as [ServiceName, string][]) {
    const value = env[variable]?.trim();
    if (!value) continue;
    if (!/^https?:\/\/\S+$/.test(value)) throw new ConfigMissingError(variable, 'is not an http(s) URL');
    endpoints[service] = value;
  }
  const region = env.REGION?.trim() || env.AWS_REGION?.trim() || 'us-west-2';
  const agentCoreRegions = (env.AGENT_CORE_REGIONS ?? '')
    .split(',')
    .map((each) => each.trim())
    .filter((each) => each !== '');
  return {
    ...values,
    region,
    agentCoreRegions: agentCoreRegions.length > 0 ? agentCoreRegions : [region],
    // The stack derives the lease from its build timeout (infra/run-budget.ts); this is the 30-minute default's.
    lockLeaseSeconds: readPositiveInt(env, 'LOCK_LEASE_SECONDS', 9900),
    dedupeTtlSeconds: readPositiveInt(env, 'DEDUPE_TTL_SECONDS', 604_800),
    versionRetention: readPositiveInt(env, 'VERSION_RETENTION', DefaultVersionRetention),
    agentTraces: readBoolean(env, 'AGENT_TRACES', true),
    endpoints,
    emulated: env.AGENTDROP_EMULATED === 'true',
    defaultModel: env.DEFAULT_MODEL?.trim() || null,
    runtimeArtifact: readArtifact(env),
    runtimeAgentPath:
      env.RUNTIME_AGENT_PATH?.trim() || fileURLToPath(new URL('runtime-agent.mjs', import.meta.url)),
    agentLogs: readAgentLogs(env),
  };
}

function readAgentLogs(env: Readonly<Record<string, string | undefined>>): AgentLogDestinations | null {
  const [applicationGroup, applicationDestination, usageGroup, usageDestination] = [
    'AGENT_APPLICATION_LOG_GROUP',
    'AGENT_APPLICATION_LOG_DESTINATION',
    'AGENT_USAGE_LOG_GROUP',
    'AGENT_USAGE_LOG_DESTINATION',
  ].map((variable) => env[variable]?.trim());
  if (!applicationGroup || !applicationDestination || !usageGroup || !usageDestination) return null;
  const traceDestination = env.AGENT_TRACE_DESTINATION?.trim();
  return {
    application: { logGroup: applicationGroup, destinationArn: applicationDestination },
    usage: { logGroup: usageGroup, destinationArn: usageDestination },
    traces: traceDestination ? { destinationArn: traceDestination } : null,
  };
}

/** `runtime.artifact` values, spelled out: a value import of core/plan would pull the planner into every bundle. */
const Artifacts: readonly RequestedArtifact[] = ['auto', 'container', 'code'];

function readArtifact(env: Readonly<Record<string, string | undefined>>): RequestedArtifact {
  const raw = env.RUNTIME_ARTIFACT?.trim() || 'container';
  const artifact = Artifacts.find((each) => each === raw);
  if (artifact === undefined)
    throw new ConfigMissingError('RUNTIME_ARTIFACT', 'is not one of auto, container, code');
  return artifact;
}

function readRequired(env: Readonly<Record<string, string | undefined>>, variable: string): string {
  const value = env[variable]?.trim();
  if (!value) throw new ConfigMissingError(variable);
  return value;
}

function readPositiveInt(
  env: Readonly<Record<string, string | undefined>>,
  variable: string,
  fallback: number,
): number {
  const raw = env[variable]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new ConfigMissingError(variable, 'is not a positive integer');
  return value;
}

function readBoolean(
  env: Readonly<Record<string, string | undefined>>,
  variable: string,
  fallback: boolean,
): boolean {
  const raw = env[variable]?.trim();
  if (!raw) return fallback;
  if (raw !== 'true' && raw !== 'false') throw new ConfigMissingError(variable, 'is not true or false');
  return raw === 'true';
}
