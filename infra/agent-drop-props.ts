import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ComputeType } from 'aws-cdk-lib/aws-codebuild';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';

/** Properties of the {@link AgentDrop} construct. Every field is optional; the defaults deploy DESIGN §2. */
export interface AgentDropProps {
  /**
   * Regions the pipeline may create AgentCore resources in (a manifest or redeploy `region`); IAM and the
   * execution roles' trust are scoped to them. @default the stack's region only
   */
  readonly agentCoreRegions?: readonly string[];
  /** Prefix of the Secrets Manager names drops may reference (`<secretPrefix>NAME`). @default 'agentdrop/' */
  readonly secretPrefix?: string;
  /** Model id used when a manifest names none. @default the planner's default (`DefaultModel` in core/plan, claude-haiku-4-5) */
  readonly defaultModel?: string;
  /**
   * How runtimes ship when a drop's agentdrop.yaml sets no `runtime.artifact`: `container` (an arm64 image
   * CodeBuild builds), `code` (a code package AgentCore runs on its managed Node 22, no image build) or `auto`
   * (`code` unless the plan needs a container). @default 'container'
   */
  readonly runtimeArtifact?: 'auto' | 'container' | 'code';
  /** Name of the custom bus for outcome events and `Redeploy Requested`. @default 'agentdrop' */
  readonly eventBusName?: string;
  /** CodeBuild compute size of the ARM image build. @default ComputeType.MEDIUM (4 vCPU, 8 GiB) */
  readonly codeBuildComputeType?: ComputeType;
  /** Build timeout (5–480 minutes). @default Duration.minutes(30) */
  readonly buildTimeout?: Duration;
  /** Retention of every log group the stack creates. @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /**
   * Retention of the log groups agents' application and usage logs are delivered to (each runtime and harness
   * agentdrop deploys). @default RetentionDays.ONE_MONTH
   */
  readonly agentLogRetention?: RetentionDays;
  /**
   * Turns on CloudWatch Transaction Search (`AWS::XRay::TransactionSearchConfig`, with the CloudWatch Logs resource
   * policy letting X-Ray write `aws/spans` and `/aws/application-signals/data`), so agents' traces delivered to
   * X-Ray land in `aws/spans`, where `agentdrop traces` reads them. Off by default: the setting is account- and
   * region-wide (one per account and region; a second stack turning it on fails), often already on, and its spans
   * are billed. @default false
   */
  readonly transactionSearch?: boolean;
  /** Days a replaced drop version is kept before S3 expires it. @default 30 */
  readonly noncurrentVersionRetentionDays?: number;
  /** Images kept per pipeline-created ECR repository. @default 20 */
  readonly imagesPerRepository?: number;
  /** How long the bus archive keeps events (replay window). @default Duration.days(90) */
  readonly eventArchiveRetention?: Duration;
  /** Topic the alarms notify. @default none — the alarms only change state */
  readonly alarmTopic?: ITopic;
  /**
   * How often an EventBridge Scheduler schedule runs the drift check (a schedule expression: `rate(1 hour)`,
   * `cron(0 6 * * ? *)`): each deployed harness or runtime is compared with what its last deploy set, and
   * `Drift Detected` published for each that differs or is gone.
   * @default no schedule — drift is checked only on demand (`agentdrop drift`)
   */
  readonly driftCheckRate?: string;
  /**
   * What the scheduled drift check does besides publishing `Drift Detected`: `redeploy` also publishes
   * `Redeploy Requested {force: true}` for each drifted project, so the pipeline puts its deployed settings back.
   * @default 'report' — publish only
   */
  readonly onDrift?: 'report' | 'redeploy';
  /**
   * Runtime versions kept after each successful promotion: older versions are deleted (DeleteAgentRuntime with a
   * version), except those `live` or `candidate` points at and the newest this many that passed their smoke test
   * (rollback targets). A failed clean-up never fails the deploy. Harness versions cannot be deleted through the
   * API; for them, preflight refuses a deploy past the versions-per-agent quota.
   * @default 10
   */
  readonly versionRetention?: number;
  /**
   * Runtime agents export their OpenTelemetry spans (content-free) to X-Ray's OTLP endpoint of their region,
   * signed as their execution role, which holds `xray:PutTraceSegments`: the pipeline sets
   * `AGENT_OBSERVABILITY_ENABLED=true` on every runtime. The spans land in `aws/spans`, which `agentdrop traces`
   * reads, once CloudWatch Transaction Search is enabled in the account and region. The same switch delivers
   * AgentCore's own spans of each runtime and harness invocation (their vended `TRACES`) to X-Ray, the root the
   * runtime agent's spans nest under: `false` turns both off (no XRAY delivery destination, no X-Ray
   * resource-policy grants).
   * @default true
   */
  readonly agentTraces?: boolean;
  /**
   * What happens to buckets, table, cache repository and log groups when the stack is deleted.
   * @default RemovalPolicy.RETAIN — receipts, drops and logs outlive the stack
   */
  readonly removalPolicy?: RemovalPolicy;
}
