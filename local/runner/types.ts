import type { CodeBuildClientConfig } from '@aws-sdk/client-codebuild';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { EventBridgeClientConfig } from '@aws-sdk/client-eventbridge';
import { ExecutionStatus } from '../../functions/lib/execution-status/index.js';
import type { FaultInjector } from '../faults/index.js';
import type { LambdaLogger } from './lambda-log.js';

/** The slice of the Lambda context agentdrop's handlers and Powertools read. */
export interface LocalLambdaContext {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
}

/** An in-process Lambda handler: gets the `Payload` as Lambda would deliver it, returns the function's result. */
export type LocalLambdaHandler = (event: unknown, context: LocalLambdaContext) => Promise<unknown> | unknown;

/** The four functions of the pipeline (docs/state-machine.md §2). */
export interface DeployHandlers {
  readonly plan: LocalLambdaHandler;
  readonly harness: LocalLambdaHandler;
  readonly runtime: LocalLambdaHandler;
  readonly invoke: LocalLambdaHandler;
}

export { ExecutionStatus };

/** Progress events for displays: one per state entered/exited/failed/retried/caught, and one at the end. */
export type RunnerEvent =
  | {
      readonly kind: 'state-entered';
      readonly state: string;
      readonly stateType: string;
      readonly at: number;
      /** The state's input (the execution document), as Step Functions keeps it as execution data. */
      readonly input?: unknown;
    }
  | {
      readonly kind: 'state-exited';
      readonly state: string;
      readonly stateType: string;
      readonly at: number;
      readonly durationMs: number;
    }
  | { readonly kind: 'state-failed'; readonly state: string; readonly error: string; readonly at: number }
  | { readonly kind: 'state-retried'; readonly state: string; readonly attempt: number; readonly at: number }
  | { readonly kind: 'state-caught'; readonly state: string; readonly at: number }
  | { readonly kind: 'execution-finished'; readonly status: ExecutionStatus; readonly at: number };

/** One event the run put on a bus, as PutEvents received it (Detail parsed back to JSON). */
export interface PublishedEvent {
  readonly source: string;
  readonly detailType: string;
  readonly eventBusName: string;
  readonly detail: unknown;
}

/** Hooks into the Task states of a run: faults for Lambda Tasks, and what tags emulator calls with a state. */
export interface TaskHooks {
  /**
   * Faults for Lambda Tasks, keyed by state name and counted per invocation (each attempt of a Retry is one):
   * `lambda_service_exception` (`Lambda.ServiceException`, the function never runs), `lambda_crash` (the
   * function runs and its side effects land, then `Lambda.Unknown`: the result is lost) and `throttle`
   * (`Lambda.TooManyRequestsException`, the function never runs). Other kinds do nothing here.
   */
  readonly faults?: FaultInjector;
  /**
   * Asks whether the state machine's role may `lambda:InvokeFunction` the function (the local cloud's IAM): the
   * denial message, else undefined. A denial fails the Task as Step Functions does, with
   * `Lambda.AWSLambdaException` (each attempt is asked again). @default every invoke allowed
   */
  readonly authorizeInvoke?: (functionArn: string) => string | undefined;
  /** Called synchronously when a Task state starts calling its resource (each attempt). */
  readonly onTaskStart?: (state: string) => void;
  /** Called when that call has ended, resolved or thrown. */
  readonly onTaskEnd?: (state: string) => void;
  /** Opens each Lambda invocation's log (`/aws/lambda/<function name>`, see `lambdaLogger`). @default none */
  readonly lambdaLog?: LambdaLogger;
}

/** Options of {@link runDeployStateMachine}. */
export interface RunDeployOptions {
  /** The execution input: the raw EventBridge event (DESIGN §4.1). */
  readonly input: unknown;
  /** Execution name (unique per run). @default a random UUID */
  readonly executionName?: string;
  readonly handlers: DeployHandlers;
  /** SDK client configs pointing at the emulators. `codebuild` is needed only on the runtime path. */
  readonly clientConfigs: {
    readonly dynamodb: DynamoDBClientConfig;
    readonly events: EventBridgeClientConfig;
    readonly codebuild?: CodeBuildClientConfig;
    /**
     * The finaliser's clients: on AWS it is the finalize function, with its own role.
     * @default the state machine's `dynamodb` and `events` configs
     */
    readonly finalizer?: {
      readonly dynamodb: DynamoDBClientConfig;
      readonly events: EventBridgeClientConfig;
    };
  };
  /** Values for the `${…}` placeholders; every placeholder of the definition must be given. */
  readonly substitutions: Readonly<Record<string, string>>;
  /** Called for every progress event, in order. */
  readonly onEvent?: (event: RunnerEvent) => void;
  /** How long each Wait state waits. @default 0 */
  readonly waitMs?: number;
  /** How long each Retry waits before a new attempt. @default 0 */
  readonly retryMs?: number;
  /** Interval between BatchGetBuilds polls of a `.sync` build. @default 200 */
  readonly buildPollMs?: number;
  /** Region and account of the execution ARN. @default 'us-west-2', '000000000000' (DESIGN §7) */
  readonly region?: string;
  readonly accountId?: string;
  /** Aborts the run (status ABORTED; the finaliser then releases the lock). */
  readonly signal?: AbortSignal;
  /** Path of the ASL file. @default statemachine/deploy.asl.json of this repository */
  readonly definitionPath?: string;
  /** Task hooks: Lambda faults and call attribution. @default none */
  readonly tasks?: TaskHooks;
}

/** What {@link runDeployStateMachine} returns once the run has ended and the finaliser ran. */
export interface RunDeployResult {
  readonly status: ExecutionStatus;
  /** The execution output (SUCCEEDED) or null. */
  readonly output: unknown;
  /** The execution's error and cause (FAILED), as Step Functions reports them. */
  readonly error?: { readonly error: string; readonly cause: string };
  readonly executionArn: string;
  /** States entered, the unit Step Functions bills. */
  readonly transitions: number;
  readonly durationMs: number;
  /** Every event the run (and its finaliser) published, in order. */
  readonly events: readonly PublishedEvent[];
  /** Whether the finaliser had to release a lock the run left behind. */
  readonly finalised: boolean;
}
