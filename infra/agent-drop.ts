import type { Alarm, Dashboard } from 'aws-cdk-lib/aws-cloudwatch';
import type { Project } from 'aws-cdk-lib/aws-codebuild';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Repository } from 'aws-cdk-lib/aws-ecr';
import type { EventBus } from 'aws-cdk-lib/aws-events';
import type { Role } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { AgentDropProps } from './agent-drop-props.js';
import { createAgentLogDelivery } from './create-agent-log-delivery.js';
import { createBuckets } from './create-buckets.js';
import { createBuildProject } from './create-build-project.js';
import { createDriftSchedule } from './create-drift-schedule.js';
import { createEventBus } from './create-event-bus.js';
import { createExecutionRoles } from './create-execution-roles.js';
import { createFunctions, type PipelineFunctions } from './create-functions.js';
import { createMonitoring } from './create-monitoring.js';
import { createStartFunction } from './create-start-function.js';
import { createStateMachine } from './create-state-machine.js';
import { createTable } from './create-table.js';
import { createTransactionSearch } from './create-transaction-search.js';
import { createTriggerRules } from './create-trigger-rules.js';
import { grantExecutionHistory } from './grant-function-permissions.js';
import { type ResolvedAgentDropProps, resolveProps } from './resolve-props.js';

/**
 * The agentdrop pipeline (DESIGN §2) as one construct: drop a zipped agent folder into `dropBucket` under
 * `drops/<project>.zip` and the state machine deploys it to Amazon Bedrock AgentCore. Usable in any CDK app;
 * `AgentDropStack` wraps it with the outputs the CLI reads.
 * @throws InvalidAgentDropProps (code `props.<name>`) when a prop is out of range.
 */
export class AgentDrop extends Construct {
  /** Where users drop `drops/<project>.zip` (versioned; S3 events go to EventBridge). */
  public readonly dropBucket: Bucket;
  /** Plans, build contexts and skill bundles. */
  public readonly artifactsBucket: Bucket;
  /** The single table: state, locks, receipts, dedupe (DESIGN §4.2). */
  public readonly table: Table;
  /** The `agentdrop` bus: outcome events and `Redeploy Requested`. */
  public readonly eventBus: EventBus;
  /** The deploy state machine (`<stack>-deploy`). */
  public readonly stateMachine: StateMachine;
  /** The ARM64 image build. */
  public readonly buildProject: Project;
  /** The BuildKit registry cache. */
  public readonly buildCacheRepository: Repository;
  /** Execution role of the harnesses agentdrop creates. */
  public readonly harnessExecutionRole: Role;
  /** Execution role of the runtimes agentdrop creates. */
  public readonly runtimeExecutionRole: Role;
  /** The pipeline's Lambdas. */
  public readonly functions: PipelineFunctions;
  /** Target of the drop and redeploy rules: starts each run under the name `<project>-<deploy id>`. */
  public readonly startFunction: LambdaFunction;
  /** Undeliverable trigger and status-change events. */
  public readonly deadLetterQueue: Queue;
  /** Alarm on runs that ended FAILED/TIMED_OUT/ABORTED. */
  public readonly failedRunsAlarm: Alarm;
  /** Alarm on a non-empty dead-letter queue. */
  public readonly deadLetterAlarm: Alarm;
  /** The deploys dashboard. */
  public readonly dashboard: Dashboard;
  /** The props with every default applied. */
  public readonly settings: ResolvedAgentDropProps;

  constructor(scope: Construct, id: string, props: AgentDropProps = {}) {
    super(scope, id);
    // Access logs are delivered under a bucket policy, not the legacy ACL (which BucketOwnerEnforced forbids),
    // whatever feature flags the embedding app sets.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    this.settings = resolveProps(this, props);
    const settings = this.settings;

    const buckets = createBuckets(this, settings);
    this.dropBucket = buckets.dropBucket;
    this.artifactsBucket = buckets.artifactsBucket;
    this.table = createTable(this, settings);
    this.eventBus = createEventBus(this, settings).bus;
    const roles = createExecutionRoles(this, settings, this.artifactsBucket);
    this.harnessExecutionRole = roles.harnessRole;
    this.runtimeExecutionRole = roles.runtimeRole;
    const build = createBuildProject(this, settings, this.artifactsBucket);
    this.buildProject = build.project;
    this.buildCacheRepository = build.cacheRepository;
    this.functions = createFunctions(this, settings, {
      table: this.table,
      dropBucket: this.dropBucket,
      artifactsBucket: this.artifactsBucket,
      bus: this.eventBus,
      harnessRole: this.harnessExecutionRole,
      runtimeRole: this.runtimeExecutionRole,
      ecrRegistry: build.ecrRegistry,
      agentLogs: createAgentLogDelivery(this, settings),
    });
    if (settings.transactionSearch) createTransactionSearch(this);
    this.stateMachine = createStateMachine(this, settings, {
      functions: this.functions,
      table: this.table,
      bus: this.eventBus,
      buildProject: this.buildProject,
      artifactsBucket: this.artifactsBucket,
    });
    grantExecutionHistory(this.functions.finalize, this.stateMachine);
    this.startFunction = createStartFunction(this, settings, this.stateMachine);
    const rules = createTriggerRules(this, {
      dropBucket: this.dropBucket,
      bus: this.eventBus,
      stateMachine: this.stateMachine,
      startFunction: this.startFunction,
      finalizeFunction: this.functions.finalize,
      planFunction: this.functions.plan,
    });
    this.deadLetterQueue = rules.deadLetterQueue;
    createDriftSchedule(this, settings, this.functions.plan);
    const monitoring = createMonitoring(this, settings, {
      stateMachine: this.stateMachine,
      deadLetterQueue: this.deadLetterQueue,
      bus: this.eventBus,
      buildProject: this.buildProject,
      functions: this.functions,
    });
    this.failedRunsAlarm = monitoring.failedRunsAlarm;
    this.deadLetterAlarm = monitoring.deadLetterAlarm;
    this.dashboard = monitoring.dashboard;
  }
}
