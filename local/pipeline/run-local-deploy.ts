import { createHarnessFunction } from '../../functions/harness/harness-function.js';
import { createInvokeFunction } from '../../functions/invoke/invoke-function.js';
import { createPipelineDeps, type PipelineDeps } from '../../functions/lib/pipeline-deps.js';
import { createPlanFunction } from '../../functions/plan/plan-function.js';
import { createRuntimeFunction } from '../../functions/runtime/runtime-function.js';
import {
  FinalizerPrincipal,
  type LocalCloud,
  localFunctionName,
  type PipelineFunctionName,
  principalCredentials,
  StateMachinePrincipal,
} from '../cloud/index.js';
import { createFaultInjector, type FaultInjector } from '../faults/index.js';
import {
  lambdaLogger,
  type RunDeployResult,
  type RunnerEvent,
  runDeployStateMachine,
} from '../runner/index.js';
import { localRuntimeAgent } from '../runtime-agent/index.js';
import { type LocalPipelineSettings, LocalStack, localPipelineConfig } from './local-pipeline-config.js';

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
  /** Interval between BatchGetBuilds polls of the `.sync` build. @default 200 */
  readonly buildPollMs?: number;
}

/** The production handlers bound to one local cloud, built once and shared by its runs. */
export interface LocalPipeline {
  /** Dependencies for callers other than the handlers (tests, the CLI): their calls are never IAM-evaluated. */
  readonly deps: PipelineDeps;
  /**
   * Faults for the Lambda Tasks of every run, keyed by state name (`lambda_service_exception`, `lambda_crash`,
   * `throttle`); its calls are recorded in `cloud.calls` as service `lambda`.
   */
  readonly taskFaults: FaultInjector;
  /** Runs `statemachine/deploy.asl.json` for one raw EventBridge event, as Step Functions would. */
  run(event: unknown, options?: LocalDeployOptions): Promise<RunDeployResult>;
  /** The Plan function invoked with a Secrets Manager event, as the stack's secret-changed rule invokes it. */
  secretChanged(event: unknown): Promise<unknown>;
  /** The Plan function invoked with the drift schedule's input (`{action: 'drift', …}`), as the schedule invokes it. */
  checkDrift(input: unknown): Promise<unknown>;
}

/** A Lambda handler as the local runner calls it. */
export type LocalHandler = (event: unknown) => Promise<unknown>;

/**
 * Binds the four Lambda handlers to the local cloud through the real SDK clients (DESIGN §5), with the local
 * cloud's SDK timeouts and retry delays. Task states tag the calls `cloud.calls` records with their name.
 * `decorate` wraps each handler (tests use it to invoke every task twice, as a Step Functions retry after a
 * landed write would).
 */
export function createLocalPipeline(
  cloud: LocalCloud,
  decorate: (name: 'plan' | 'harness' | 'runtime' | 'invoke', handler: LocalHandler) => LocalHandler = (
    _name,
    handler,
  ) => handler,
  settings: LocalPipelineSettings = {},
): LocalPipeline {
  const config = localPipelineConfig(cloud, settings);
  const deps = createPipelineDeps(config, undefined, () => cloud.sdkSettings());
  // Each function signs every call with a key naming it, so the local cloud authorizes it as the function's
  // role (LocalCloudOptions.iam).
  const depsOf = (name: PipelineFunctionName) =>
    createPipelineDeps(
      config,
      undefined,
      () => ({
        ...cloud.sdkSettings(),
        credentials: principalCredentials(name),
      }),
      localRuntimeAgent,
    );
  const taskFaults = createFaultInjector({ service: 'lambda', recorder: cloud.calls });
  const tasks = {
    faults: taskFaults,
    authorizeInvoke: (functionArn: string) =>
      cloud.iam.check(StateMachinePrincipal, { action: 'lambda:InvokeFunction', resource: functionArn }),
    onTaskStart: (state: string) => cloud.calls.enterState(state),
    onTaskEnd: (state: string) => cloud.calls.exitState(state),
    // One logger for the pipeline's life: a stream per function, as a warm container keeps one.
    lambdaLog: lambdaLogger(cloud.logs.write),
  };
  // Step Functions' service integrations surface a throttle or 5xx to the state's Retry: no SDK retries in between.
  // They are the state machine's calls: signed as its role.
  const asStateMachine = (service: string) => ({
    ...cloud.clientConfig(service),
    credentials: principalCredentials(StateMachinePrincipal),
  });
  const integration = (service: string) => ({ ...asStateMachine(service), maxAttempts: 1 });
  const handlers = {
    plan: decorate('plan', createPlanFunction(depsOf('PlanFunction')) as LocalHandler),
    harness: decorate('harness', createHarnessFunction(depsOf('HarnessFunction')) as LocalHandler),
    runtime: decorate('runtime', createRuntimeFunction(depsOf('RuntimeFunction')) as LocalHandler),
    invoke: decorate('invoke', createInvokeFunction(depsOf('InvokeFunction')) as LocalHandler),
  };
  const lambdaArn = (name: PipelineFunctionName) =>
    `arn:aws:lambda:${cloud.region}:${cloud.accountId}:function:${localFunctionName(name)}`;
  return {
    deps,
    taskFaults,
    secretChanged: (event) => handlers.plan(event),
    checkDrift: (input) => handlers.plan(input),
    run: (event, options = {}) =>
      runDeployStateMachine({
        input: event,
        ...(options.executionName ? { executionName: options.executionName } : {}),
        handlers,
        clientConfigs: {
          dynamodb: integration('dynamodb'),
          events: integration('eventbridge'),
          // The `.sync` integration's BatchGetBuilds polling is Step Functions' own: it keeps the SDK's retries.
          codebuild: asStateMachine('codebuild'),
          finalizer: {
            dynamodb: {
              ...cloud.clientConfig('dynamodb'),
              credentials: principalCredentials(FinalizerPrincipal),
            },
            events: {
              ...cloud.clientConfig('eventbridge'),
              credentials: principalCredentials(FinalizerPrincipal),
            },
          },
        },
        substitutions: {
          PlanFunctionArn: lambdaArn('PlanFunction'),
          HarnessFunctionArn: lambdaArn('HarnessFunction'),
          RuntimeFunctionArn: lambdaArn('RuntimeFunction'),
          InvokeFunctionArn: lambdaArn('InvokeFunction'),
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
        ...(options.buildPollMs !== undefined ? { buildPollMs: options.buildPollMs } : {}),
        tasks,
        ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      }),
  };
}
