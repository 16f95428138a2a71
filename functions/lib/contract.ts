import type { Diagnostic } from '../../core/diagnostics/index.js';
import type { Cell, ToolCallObservation } from '../../core/receipt/index.js';

/**
 * Types of the state machine's Lambda contract (docs/state-machine.md §2). Every field is present; absent values
 * are `null`, because a missing JSONPath in the ASL is an uncatchable `States.Runtime` error.
 */

/** Normalised trigger of a run (DESIGN §4.1). */
export interface TriggerInfo {
  readonly kind: 'upload' | 'delete' | 'redeploy';
  readonly project: string;
  readonly bucket: string | null;
  readonly key: string | null;
  readonly versionId: string | null;
  readonly sequencer: string | null;
  readonly eventId: string | null;
  readonly requester: string | null;
  readonly force: boolean;
  /** A redeploy agentdrop requested because this secret got a new current version (never its value). */
  readonly rotatedSecret?: RotatedSecret;
}

/** A secret that got a new current version: its name without the stack's prefix, and that version's id. */
export interface RotatedSecret {
  readonly name: string;
  readonly versionId: string;
}

/** A resource reference as the contract carries it. */
export interface ResourceInfo {
  readonly name: string | null;
  readonly id: string | null;
  readonly arn: string | null;
  readonly version: string | null;
  /** Runtime with memory: the id of the project's AgentCore Memory the runtime is configured with (spec §8). */
  readonly memoryId?: string;
  /** Set by the deploy action: where the agent's logs are delivered, or why not (docs/state-machine.md §2.3). */
  readonly logDelivery?: LogDeliveryInfo;
}

/**
 * The agent's vended-log delivery (APPLICATION_LOGS and USAGE_LOGS to the stack's log groups, TRACES to X-Ray).
 */
export interface LogDeliveryInfo {
  /** The log groups the agent's logs go to; null when the delivery could not be set up. */
  readonly logGroups: AgentLogGroups | null;
  /** Whether AgentCore's own traces of the agent are delivered to X-Ray (absent in documents from before). */
  readonly tracesToXRay?: boolean;
  /** Why the delivery could not be set up (a `logs.delivery_failed` warning), or null. */
  readonly warning: Diagnostic | null;
}

/** The stack's log groups for agents' application and usage logs. */
export interface AgentLogGroups {
  readonly application: string;
  readonly usage: string;
}

/** The envelope metadata of outcome events (DESIGN §4.4). */
export interface EventMetadata {
  readonly schemaVersion: '1';
  readonly deployId: string;
  readonly project: string;
  readonly executionArn: string;
  readonly occurredAt: string;
  readonly trigger: TriggerInfo['kind'];
}

/** Input of the Plan function, action `plan` (states Plan and Replan). */
export interface PlanInput {
  readonly action: 'plan';
  readonly event: unknown;
  readonly executionArn: string;
  readonly executionStartTime: string;
  readonly replans: number;
  /** Present on Replan: keep it. */
  readonly deployId?: string;
  /** Present on Replan: this execution holds the project lock while it plans again. */
  readonly lockHeld?: boolean;
}

/** The Plan decision (`$.plan`, docs/state-machine.md §2.1). */
export interface PlanDecision {
  readonly deployId: string;
  readonly project: string;
  readonly action: 'deploy' | 'destroy' | 'skip' | 'invalid';
  readonly skipReason: 'duplicate' | 'stale' | 'unchanged' | 'nothing-to-destroy' | null;
  readonly mode: 'harness' | 'runtime' | null;
  readonly region: string;
  /** `rollback`: move `live` back to `resource.version`, a version that passed its smoke test (§2.7). */
  readonly decision: 'create' | 'update' | 'recreate' | 'replace' | 'delete' | 'rollback' | 'skip' | null;
  readonly rev: number;
  readonly fingerprint: string | null;
  readonly specHash: string | null;
  readonly resource: ResourceInfo;
  readonly previous: ResourceInfo & {
    readonly mode: 'harness' | 'runtime' | null;
    readonly region: string | null;
  };
  /** How a runtime ships: `container` (BuildImage runs) or `code` (a code package; no image build); else null. */
  readonly artifact: 'container' | 'code' | null;
  readonly artifacts: {
    readonly planKey: string | null;
    readonly buildContextKey: string | null;
    /** The code package in the artifacts bucket, at the version that holds its bytes (artifact `code`). */
    readonly codePackage: CodePackageRef | null;
  };
  readonly image: { readonly repositoryName: string; readonly tag: string } | null;
  readonly diagnostics: {
    readonly errors: readonly Diagnostic[];
    readonly counts: { readonly errors: number; readonly warnings: number; readonly infos: number };
  };
  readonly smoke: { readonly prompt: string; readonly expect: string | null };
  readonly trigger: TriggerInfo;
  readonly lock: {
    readonly now: string;
    readonly leaseExpiresAt: string;
    readonly expiresAt: string;
    /** DynamoDB attribute map of the pending drop (`toPendingAttribute`). */
    readonly pending: Readonly<Record<string, unknown>>;
  };
  readonly metadata: EventMetadata;
  readonly replans: number;
}

/** A code package object: its key in the artifacts bucket and the version pinned (null without versioning). */
export interface CodePackageRef {
  readonly key: string;
  readonly versionId: string | null;
}

/** Status vocabulary of the poll loop; `*_FAILED` is thrown as ResourceFailed instead. */
export type PollStatus = 'CREATING' | 'UPDATING' | 'DELETING' | 'READY' | 'GONE';

/** Output of the Harness/Runtime functions (`$.poll`, `$.cleanup`, docs/state-machine.md §2.3). */
export interface PollResult {
  readonly resource: ResourceInfo;
  readonly status: PollStatus;
  readonly failureReason: string | null;
  readonly attempt: number;
  /** Whole seconds the next Wait state waits. */
  readonly delaySeconds: number;
  /**
   * Set by the `promote` action only (states Promote*): the `live` endpoint and the version it is moved to;
   * `status` is READY once it serves that version. Absent before the promotion.
   */
  readonly live?: LiveEndpointInfo | null;
  /**
   * Set by the runtime's `promote` action (state PromoteRuntime): the versions deleted beyond the stack's
   * `versionRetention` once `live` serves the new version of an update; null otherwise.
   */
  readonly versionCleanup?: VersionCleanup | null;
}

/** The old runtime versions a promotion deleted (docs/state-machine.md §2.5); a failure is only a warning. */
export interface VersionCleanup {
  readonly deleted: readonly string[];
  /** Why the clean-up stopped early (a `versions.cleanup_failed` warning diagnostic), or null. */
  readonly warning: Diagnostic | null;
}

/** The endpoint users call (`live`) and the version it serves or is moving to (docs/state-machine.md §2.5). */
export interface LiveEndpointInfo {
  readonly endpointName: string;
  readonly endpointArn: string;
  readonly version: string;
}

/** Input of the Harness/Runtime functions. */
export type ResourceInput =
  | {
      readonly action: 'deploy';
      readonly executionArn: string;
      readonly plan: PlanDecision;
      /** Runtime only. */
      readonly build?: BuildResult;
    }
  | {
      readonly action: 'status';
      readonly executionArn: string;
      readonly plan: PlanDecision;
      readonly poll: PollResult;
    }
  | {
      readonly action: 'delete';
      readonly executionArn: string;
      readonly plan: PlanDecision;
      readonly resource: ResourceInfo;
    }
  | {
      readonly action: 'promote';
      readonly executionArn: string;
      readonly plan: PlanDecision;
      readonly poll: PollResult;
    };

/** `$.build`: what BuildImage keeps of the CodeBuild result; SkipImageBuild's null build for a code package. */
export interface BuildResult {
  readonly buildId: string | null;
  readonly exportedEnvironmentVariables: readonly { readonly Name: string; readonly Value: string }[];
}

/** Input of the Invoke function (SmokeTest). */
export interface InvokeInput {
  readonly executionArn: string;
  readonly plan: PlanDecision;
  readonly poll: PollResult;
}

/** Output of the Invoke function (`$.smoke`). */
export interface SmokeResult {
  readonly cells: readonly Cell[];
  /** The tool calls the smoke test observed at every depth, in call order (the first 50), for the run report. */
  readonly trace: readonly ToolCallObservation[];
  readonly reply: string | null;
  readonly sessionId: string;
  /** The smoke invocation's trace id when the runtime exported its spans (`agentdrop traces <project> <traceId>`). */
  readonly traceId: string | null;
  readonly durationMs: number;
  readonly emulated: boolean;
}

/** An error as a Catch records it. */
export interface CaughtError {
  readonly Error: string;
  readonly Cause: string;
}

/** The execution document the record step receives (`document`); any key may be missing. */
export interface ExecutionDocument {
  readonly plan?: PlanDecision;
  readonly poll?: PollResult;
  readonly build?: BuildResult;
  readonly smoke?: SmokeResult;
  readonly cleanup?: PollResult;
  readonly cleanupError?: CaughtError;
  /** One key: the state that failed. */
  readonly error?: Readonly<Record<string, CaughtError>>;
  readonly [key: string]: unknown;
}

/** Outcomes the record step writes. */
export type RecordOutcome = 'skipped' | 'rejected' | 'queued' | 'succeeded' | 'destroyed' | 'failed';

/** Input of the Plan function, action `record`. */
export interface RecordInput {
  readonly action: 'record';
  readonly outcome: RecordOutcome;
  readonly executionArn: string;
  readonly executionStartTime: string;
  readonly document: ExecutionDocument;
}

/** Output of the record step (`$.recorded`). */
export interface RecordResult {
  readonly outcome: RecordOutcome;
  readonly detailType: string;
  readonly detail: { readonly metadata: EventMetadata; readonly data: Readonly<Record<string, unknown>> };
  /** Required for `rejected` and `failed` (FailDeploy's Error), else null. */
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
}
