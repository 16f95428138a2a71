import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { AgentLogDelivery } from './create-agent-log-delivery.js';
import { grantFunctionPermissions } from './grant-function-permissions.js';
import { createPipelineFunction } from './pipeline-function.js';
import type { ResolvedAgentDropProps } from './resolve-props.js';
import { runBudget } from './run-budget.js';

/** The pipeline's Lambdas (docs/state-machine.md §2) and the lock-release function (DESIGN §7). */
export interface PipelineFunctions {
  readonly plan: LambdaFunction;
  readonly harness: LambdaFunction;
  readonly runtime: LambdaFunction;
  readonly invoke: LambdaFunction;
  readonly finalize: LambdaFunction;
}

/** What the functions are wired to. */
export interface FunctionResources {
  readonly table: ITable;
  readonly dropBucket: IBucket;
  readonly artifactsBucket: IBucket;
  readonly bus: IEventBus;
  readonly harnessRole: IRole;
  readonly runtimeRole: IRole;
  /** `<account>.dkr.ecr.<region>.amazonaws.com` */
  readonly ecrRegistry: string;
  /** Where agents' logs are delivered. */
  readonly agentLogs: AgentLogDelivery;
}

/**
 * Environment variables of every pipeline function; `functions/lib/config.ts` (`readConfig`) reads them and
 * fails fast on a missing one.
 */
export function pipelineEnvironment(
  props: ResolvedAgentDropProps,
  resources: FunctionResources,
): Record<string, string> {
  return {
    TABLE_NAME: resources.table.tableName,
    DROP_BUCKET: resources.dropBucket.bucketName,
    ARTIFACTS_BUCKET: resources.artifactsBucket.bucketName,
    EVENT_BUS_NAME: resources.bus.eventBusName,
    SECRET_PREFIX: props.secretPrefix,
    STACK_NAME: props.stackName,
    REGION: props.region,
    HARNESS_ROLE_ARN: resources.harnessRole.roleArn,
    RUNTIME_ROLE_ARN: resources.runtimeRole.roleArn,
    DEFAULT_MODEL: props.defaultModel,
    RUNTIME_ARTIFACT: props.runtimeArtifact,
    ECR_REGISTRY: resources.ecrRegistry,
    AGENT_CORE_REGIONS: props.agentCoreRegions.join(','),
    LOCK_LEASE_SECONDS: String(runBudget(props.buildTimeout).lockLeaseSeconds),
    VERSION_RETENTION: String(props.versionRetention),
    AGENT_TRACES: String(props.agentTraces),
    AGENT_APPLICATION_LOG_GROUP: resources.agentLogs.application.logGroupName,
    AGENT_APPLICATION_LOG_DESTINATION: resources.agentLogs.application.destinationArn,
    AGENT_USAGE_LOG_GROUP: resources.agentLogs.usage.logGroupName,
    AGENT_USAGE_LOG_DESTINATION: resources.agentLogs.usage.destinationArn,
    ...(resources.agentLogs.traces !== null
      ? { AGENT_TRACE_DESTINATION: resources.agentLogs.traces.destinationArn }
      : {}),
  };
}

/** Creates the five functions, one role each, and grants each exactly what its handler calls. */
export function createFunctions(
  scope: Construct,
  props: ResolvedAgentDropProps,
  resources: FunctionResources,
): PipelineFunctions {
  const environment = pipelineEnvironment(props, resources);
  const common = { environment, logRetention: props.logRetention, removalPolicy: props.removalPolicy };
  const functions: PipelineFunctions = {
    plan: createPipelineFunction(scope, 'PlanFunction', {
      ...common,
      entry: 'functions/plan/handler.ts',
      description: 'agentdrop: plans a drop (dedupe, stale check, plan) and records outcomes',
      // Reads and plans a whole drop in memory under the bundle limits (spec §2).
      memorySize: 1024,
      timeout: Duration.minutes(2),
      // Code packages carry the pre-bundled runtime agent, shipped beside the handler.
      withRuntimeAgent: true,
    }),
    harness: createPipelineFunction(scope, 'HarnessFunction', {
      ...common,
      entry: 'functions/harness/handler.ts',
      description: 'agentdrop: creates, updates, polls and deletes AgentCore harnesses',
      memorySize: 512,
      timeout: Duration.minutes(1),
    }),
    runtime: createPipelineFunction(scope, 'RuntimeFunction', {
      ...common,
      entry: 'functions/runtime/handler.ts',
      description: 'agentdrop: creates, updates, polls and deletes AgentCore runtimes',
      memorySize: 512,
      timeout: Duration.minutes(1),
    }),
    invoke: createPipelineFunction(scope, 'InvokeFunction', {
      ...common,
      entry: 'functions/invoke/handler.ts',
      description: 'agentdrop: smoke-tests a deployed agent and classifies receipt cells',
      memorySize: 512,
      // An agent's first answer can take minutes (cold microVM, model calls).
      timeout: Duration.minutes(5),
    }),
    finalize: createPipelineFunction(scope, 'FinalizeFunction', {
      ...common,
      entry: 'functions/finalize/handler.ts',
      description:
        'agentdrop: releases the lock of runs that ended FAILED/TIMED_OUT/ABORTED without their Catch',
      memorySize: 256,
      timeout: Duration.seconds(30),
    }),
  };
  grantFunctionPermissions(functions, props, resources);
  return functions;
}
