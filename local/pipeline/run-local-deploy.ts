import { createHarnessFunction } from '../../functions/harness/harness-function.js';
import { createInvokeFunction } from '../../functions/invoke/invoke-function.js';
import { createPipelineDeps, type PipelineDeps } from '../../functions/lib/pipeline-deps.js';
import { createPlanFunction } from '../../functions/plan/plan-function.js';
import { createRuntimeFunction } from '../../functions/runtime/runtime-function.js';
import type { LocalCloud } from '../cloud/index.js';
import { type RunDeployResult, type RunnerEvent, runDeployStateMachine } from '../runner/index.js';
import { LocalStack, localPipelineConfig } from './local-pipeline-config.js';

/** Options of one local run. */
export interface LocalDeployOptions {
  /** Progress events (state entered/exited with timings) for a live view. */
  readonly onEvent?: (event: RunnerEvent) => void;
  /** How long each Wait state waits; the local cloud's statuses settle in milliseconds. @default 50 */
  readonly waitMs?: number;
  /** Execution name. @default a random UUID */
  readonly executionName?: string;
  /** How long each Retry interval waits. @default 0 */
  readonly retryMs?: number;
  /** Aborts the execution (it ends ABORTED and is finalized, as StopExecution does on AWS). */
  readonly signal?: AbortSignal;
}

/** The production handlers bound to one local cloud, built once and shared by its runs. */
export interface LocalPipeline {
  readonly deps: PipelineDeps;
  /** Runs `statemachine/deploy.asl.json` for one raw EventBridge event, as Step Functions would. */
  run(event: unknown, options?: LocalDeployOptions): Promise<RunDeployResult>;
}

/** A Lambda handler as the local runner calls it. */
export type LocalHandler = (event: unknown) => Promise<unknown>;

/**
 * Binds the four Lambda handlers to the local cloud through the real SDK clients (DESIGN §5). `decorate` wraps
 * each handler (tests use it to invoke every task twice, as a Step Functions retry after a landed write would).
 */
export function createLocalPipeline(
  cloud: LocalCloud,
  decorate: (name: 'plan' | 'harness' | 'runtime' | 'invoke', handler: LocalHandler) => LocalHandler = (
    _name,
    handler,
  ) => handler,
): LocalPipeline {
  const deps = createPipelineDeps(localPipelineConfig(cloud));
  const handlers = {
    plan: decorate('plan', createPlanFunction(deps) as LocalHandler),
    harness: decorate('harness', createHarnessFunction(deps) as LocalHandler),
    runtime: decorate('runtime', createRuntimeFunction(deps) as LocalHandler),
    invoke: decorate('invoke', createInvokeFunction(deps) as LocalHandler),
  };
  const lambdaArn = (name: string) =>
    `arn:aws:lambda:${cloud.region}:${cloud.accountId}:function:agentdrop-${name}`;
  return {
    deps,
    run: (event, options = {}) =>
      runDeployStateMachine({
        input: event,
        ...(options.executionName ? { executionName: options.executionName } : {}),
        handlers,
        clientConfigs: {
          dynamodb: cloud.clientConfig('dynamodb'),
          events: cloud.clientConfig('eventbridge'),
          codebuild: cloud.clientConfig('codebuild'),
        },
        substitutions: {
          PlanFunctionArn: lambdaArn('plan'),
          HarnessFunctionArn: lambdaArn('harness'),
          RuntimeFunctionArn: lambdaArn('runtime'),
          InvokeFunctionArn: lambdaArn('invoke'),
          TableName: cloud.resources.tableName,
          EventBusName: LocalStack.eventBusName,
          BuildProjectName: LocalStack.buildProjectName,
          ArtifactsBucket: cloud.resources.artifactsBucket,
        },
        region: cloud.region,
        accountId: cloud.accountId,
        waitMs: options.waitMs ?? 50,
        ...(options.retryMs !== undefined ? { retryMs: options.retryMs } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      }),
  };
}
