import type { Diagnostic } from '../../../core/diagnostics/index.js';
import type { Cell, ToolCallObservation } from '../../../core/receipt/index.js';
import type { AgentLogGroups, VersionCleanup } from '../contract.js';

/** The deployed resource as STATE records it. */
export interface ResourceRef {
  readonly name: string;
  readonly id: string | null;
  readonly arn: string | null;
  readonly version: string | null;
  /** Runtime with memory: the project's AgentCore Memory the deployed runtime uses (spec §8). */
  readonly memoryId?: string;
}

/** The `PROJECT#<p>`/`STATE` item (DESIGN §4.2) without its key. */
export interface ProjectState {
  readonly project: string;
  readonly mode: 'harness' | 'runtime';
  readonly region: string;
  readonly resource: ResourceRef;
  readonly fingerprint: string;
  readonly specHash: string;
  /** `repo@sha256:…` for runtimes shipped as an image; null for harnesses and code packages. */
  readonly image: string | null;
  /**
   * `s3://<bucket>/<key>?versionId=<id>` of the code package a runtime shipped as code runs; absent for images,
   * harnesses and STATE written before code packages existed.
   */
  readonly codePackage?: string;
  /** Harness skill prefixes in the artifacts bucket. */
  readonly skillPrefixes: readonly string[];
  readonly lastDeployId: string;
  /** ISO timestamp of the write. */
  readonly updatedAt: string;
  /**
   * The endpoint users call and the version it serves (gated promotion, DESIGN §8); absent in STATE written
   * before promotion existed.
   */
  readonly live?: LiveEndpointState | null;
  /** Versions of `resource` that passed their smoke test, oldest first (rollback targets); absent before. */
  readonly passedVersions?: readonly PassedVersion[];
  /** Optimistic-lock counter; 0 means "no STATE item". */
  readonly rev: number;
}

/** The `PROJECT#<p>`/`DRIFT` item: what the last scheduled drift check found (field names only). */
export interface DriftRecord {
  readonly project: string;
  /** The deploy STATE named when checked: a later deploy makes the record stale. */
  readonly lastDeployId: string;
  /** ISO timestamp of the check. */
  readonly checkedAt: string;
  readonly drifted: boolean;
  readonly deleted: boolean;
  /** Names of the fields that differed (`systemPrompt`, `image`, `endpoint.live.version`, …). */
  readonly fields: readonly string[];
}

/** The `live` endpoint as STATE records it. */
export interface LiveEndpointState {
  readonly endpointName: string;
  readonly endpointArn: string;
  readonly version: string;
}

/** A version that passed its smoke test, and the deploy that tested it. */
export interface PassedVersion {
  readonly version: string;
  readonly deployId: string;
  /** ISO timestamp of the record. */
  readonly passedAt: string;
}

/** A drop remembered on the lock item while another run deploys (latest wins). */
export interface PendingDrop {
  readonly key: string;
  readonly versionId: string | null;
  readonly sequencer: string | null;
  readonly deployId: string;
  /** Epoch seconds. */
  readonly queuedAt: number;
}

/** The `PROJECT#<p>`/`LOCK` item. */
export interface ProjectLock {
  readonly project: string;
  /** Execution ARN of the holder. */
  readonly owner: string;
  readonly deployId: string;
  /** Epoch seconds; the lock is free once this is in the past. */
  readonly leaseExpiresAt: number;
  readonly pending: PendingDrop | null;
}

/** Outcome of one trigger, as its receipt records it. */
const ReceiptOutcome = {
  Succeeded: 'succeeded',
  Destroyed: 'destroyed',
  Skipped: 'skipped',
  Queued: 'queued',
  Rejected: 'rejected',
  Failed: 'failed',
} as const;
type ReceiptOutcome = (typeof ReceiptOutcome)[keyof typeof ReceiptOutcome];

/** The error a failed receipt carries: `code` is the dotted code when present, else the name (DESIGN §7). */
export interface ReceiptError {
  readonly code: string;
  readonly name: string;
  readonly message: string;
  /** The state that failed, or null when unknown (e.g. a run that died). */
  readonly state: string | null;
}

/** The `PROJECT#<p>`/`DEPLOY#<deployId>` item (DESIGN §4.2). Names and ids only, never secret values. */
export interface Receipt {
  readonly project: string;
  readonly deployId: string;
  readonly executionArn: string;
  readonly outcome: ReceiptOutcome;
  readonly trigger: {
    readonly kind: 'upload' | 'delete' | 'redeploy';
    readonly bucket: string | null;
    readonly key: string | null;
    readonly versionId: string | null;
    readonly sequencer: string | null;
    readonly eventId: string | null;
    readonly requester: string | null;
    /** The secret whose new version this redeploy rolls out (name and version id, never the value). */
    readonly rotatedSecret?: { readonly name: string; readonly versionId: string };
  };
  readonly mode: 'harness' | 'runtime' | null;
  /** How a runtime shipped (`container` image or `code` package); absent for harnesses and older receipts. */
  readonly artifact?: 'container' | 'code';
  readonly decision: string | null;
  readonly skipReason: string | null;
  readonly fingerprint: string | null;
  readonly durations: Readonly<Record<string, number>>;
  readonly diagnostics: { readonly errors: number; readonly warnings: number; readonly infos: number };
  readonly cells: readonly Cell[];
  /**
   * The smoke test's tool calls at every depth, in call order (the evidence the cells were classified from);
   * absent in receipts from before it was recorded.
   */
  readonly trace?: readonly ToolCallObservation[];
  /** The smoke test invocation's OpenTelemetry trace id, when the runtime exported its spans. */
  readonly smokeTraceId?: string;
  readonly links: { readonly console: string | null; readonly buildLog: string | null };
  readonly error: ReceiptError | null;
  /**
   * Where `live` is after the run and its ARN (the endpoint users call): moved by a success, unchanged by a
   * failure; null when the project has none yet. Absent in receipts from before gated promotion.
   */
  readonly live?: { readonly version: string; readonly endpointArn: string } | null;
  /** The version a deploy created and tested (the candidate); null when it made none. */
  readonly candidateVersion?: string | null;
  /**
   * The runtime versions a successful deploy deleted beyond the stack's `versionRetention`, and the warning when
   * that clean-up stopped early. Absent when the run deleted nothing and nothing went wrong.
   */
  readonly versionCleanup?: VersionCleanup;
  /** Runtime with memory: the id of the project's AgentCore Memory the run configured (spec §8). */
  readonly memoryId?: string;
  /** The log groups the agent's application and usage logs are delivered to (absent without a delivery). */
  readonly logGroups?: AgentLogGroups;
  /** Where AgentCore's own traces of the agent are delivered: X-Ray (absent without a trace delivery). */
  readonly traceDelivery?: 'XRAY';
  /** Why the agent's log delivery could not be set up (a `logs.delivery_failed` warning; the deploy succeeded). */
  readonly logDeliveryWarning?: Diagnostic;
  readonly emulated: boolean;
  /** ISO timestamps. */
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Set when the finalizer published this run's outcome (the run died before it could): a second delivery skips. */
  readonly finalizedAt?: string;
}
