import type {
  CaughtError,
  EventMetadata,
  ExecutionDocument,
  RecordOutcome,
  RecordResult,
} from '../contract.js';
import { DetailType } from '../detail-types.js';
import { normalizeTrigger } from '../normalize-trigger.js';
import type { Receipt, ReceiptError } from '../store/index.js';
import { describeFailure } from './describe-failure.js';

/** What {@link buildOutcome} needs besides the document; the caller owns the clock. */
export interface BuildOutcomeOptions {
  readonly outcome: RecordOutcome;
  readonly document: ExecutionDocument;
  readonly executionArn: string;
  /** ISO start of the execution (`$$.Execution.StartTime`). */
  readonly executionStartTime: string;
  readonly now: Date;
  /** Used when Plan never produced a deployId (it failed itself). */
  readonly fallbackDeployId: string;
  /** Receipts from the local cloud say so (DESIGN §4.6). */
  readonly emulated: boolean;
  readonly region: string;
  /**
   * The `live` endpoint STATE recorded before this run (the last good version users call). A failed deploy
   * reports it unchanged beside the candidate it tested. @default null (none recorded)
   */
  readonly lastLive?: LiveVersion | null;
}

/** The version users reach through `live`, and that endpoint's ARN. */
export interface LiveVersion {
  readonly version: string;
  readonly endpointArn: string;
}

/**
 * Turns the execution document into the run's receipt and its outcome event (docs/state-machine.md §2.2).
 * Pure: the record step writes the receipt (and STATE) and returns `result`; the local finaliser does the same
 * for runs that died. Reads defensively: any key of the document may be missing.
 */
export function buildOutcome(options: BuildOutcomeOptions): { receipt: Receipt; result: RecordResult } {
  const { document } = options;
  const plan = document.plan;
  // Without a decision (Plan failed), the trigger is read straight from the raw event at the document's root.
  const trigger = plan?.trigger ?? normalizeTrigger(document).trigger;
  const metadata: EventMetadata = {
    schemaVersion: '1',
    deployId: plan?.deployId ?? options.fallbackDeployId,
    project: plan?.project ?? trigger.project,
    executionArn: options.executionArn,
    occurredAt: options.now.toISOString(),
    trigger: trigger.kind,
  };
  const started = Date.parse(options.executionStartTime);
  const totalMs = Math.max(0, options.now.getTime() - started || 0);
  // Stages the document can time: Plan ends when it stamps its decision; the smoke test times itself.
  const durations: Record<string, number> = { totalMs };
  const planned = plan ? Date.parse(plan.metadata.occurredAt) - started : Number.NaN;
  if (Number.isFinite(planned) && planned >= 0) durations.planMs = planned;
  if (document.smoke) durations.smokeMs = document.smoke.durationMs;
  const cleanup = options.outcome === 'succeeded' ? document.poll?.versionCleanup : null;
  const recordedCleanup = cleanup && (cleanup.deleted.length > 0 || cleanup.warning) ? cleanup : null;
  const planCounts = plan?.diagnostics.counts ?? { errors: 0, warnings: 0, infos: 0 };
  const logDelivery = document.poll?.resource.logDelivery;
  // A clean-up that stopped early, a log delivery not set up: one more warning each (neither fails a deploy).
  const runWarnings = (recordedCleanup?.warning ? 1 : 0) + (logDelivery?.warning ? 1 : 0);
  const counts =
    runWarnings > 0 ? { ...planCounts, warnings: planCounts.warnings + runWarnings } : planCounts;
  const consoleUrl = options.emulated ? null : executionConsoleUrl(options.region, options.executionArn);
  const shaped = shapeOutcome(options, metadata, durations);
  const promotion = promotionOf(options);
  const receipt: Receipt = {
    project: metadata.project,
    deployId: metadata.deployId,
    executionArn: options.executionArn,
    outcome: options.outcome,
    trigger: {
      kind: trigger.kind,
      bucket: trigger.bucket,
      key: trigger.key,
      versionId: trigger.versionId,
      sequencer: trigger.sequencer,
      eventId: trigger.eventId,
      requester: trigger.requester,
      ...(trigger.rotatedSecret ? { rotatedSecret: trigger.rotatedSecret } : {}),
    },
    mode: plan?.mode ?? null,
    ...(plan?.artifact ? { artifact: plan.artifact } : {}),
    decision: plan?.decision ?? null,
    skipReason: plan?.skipReason ?? null,
    fingerprint: plan?.fingerprint ?? null,
    durations,
    diagnostics: counts,
    cells: options.outcome === 'succeeded' ? [...(document.smoke?.cells ?? [])] : [],
    trace: options.outcome === 'succeeded' ? [...(document.smoke?.trace ?? [])] : [],
    ...(document.smoke?.traceId ? { smokeTraceId: document.smoke.traceId } : {}),
    links: { console: consoleUrl, buildLog: shaped.error?.buildLogUrl ?? null },
    error: shaped.error ? toReceiptError(shaped.error) : null,
    live: promotion.live,
    candidateVersion: promotion.candidateVersion,
    ...(recordedCleanup ? { versionCleanup: recordedCleanup } : {}),
    ...(document.poll?.resource.memoryId ? { memoryId: document.poll.resource.memoryId } : {}),
    ...(logDelivery?.logGroups ? { logGroups: logDelivery.logGroups } : {}),
    ...(logDelivery?.tracesToXRay ? { traceDelivery: 'XRAY' as const } : {}),
    ...(logDelivery?.warning ? { logDeliveryWarning: logDelivery.warning } : {}),
    emulated: options.emulated,
    startedAt: options.executionStartTime,
    finishedAt: options.now.toISOString(),
  };
  return {
    receipt,
    result: {
      outcome: options.outcome,
      detailType: shaped.detailType,
      detail: { metadata, data: shaped.data },
      errorCode: shaped.error?.code ?? null,
      errorMessage: shaped.error?.message ?? null,
    },
  };
}

interface Shaped {
  readonly detailType: string;
  readonly data: Record<string, unknown>;
  readonly error: (ReceiptError & { readonly buildLogUrl: string | null }) | null;
}

function shapeOutcome(
  options: BuildOutcomeOptions,
  metadata: EventMetadata,
  durations: Record<string, number>,
): Shaped {
  const { document } = options;
  const plan = document.plan;
  const resource = document.poll?.resource ?? plan?.resource;
  switch (options.outcome) {
    case 'skipped':
      return {
        detailType: DetailType.DeploySkipped,
        data: {
          reason: plan?.skipReason ?? 'duplicate',
          fingerprint: plan?.fingerprint ?? null,
          resourceArn: plan?.resource.arn ?? null,
        },
        error: null,
      };
    case 'queued': {
      const trigger = plan?.trigger;
      const pending = {
        key: trigger?.key ?? `drops/${metadata.project}.zip`,
        versionId: trigger?.versionId ?? null,
        sequencer: trigger?.sequencer ?? null,
      };
      return { detailType: DetailType.DeployQueued, data: { pending, holder: null }, error: null };
    }
    case 'succeeded':
      return {
        detailType: DetailType.DeploySucceeded,
        data: {
          mode: plan?.mode,
          decision: plan?.decision,
          resourceArn: resource?.arn ?? resource?.id ?? resource?.name ?? 'unknown',
          resourceVersion: resource?.version ?? null,
          fingerprint: plan?.fingerprint ?? '',
          imageDigest: exported(document, 'IMAGE_DIGEST'),
          artifact: plan?.artifact ?? null,
          codePackage: plan?.artifacts.codePackage ?? null,
          cells: document.smoke?.cells ?? [],
          durations,
          consoleUrl: options.emulated ? null : executionConsoleUrl(options.region, options.executionArn),
          emulated: options.emulated,
          liveVersion: promotionOf(options).live?.version ?? null,
          endpointArn: promotionOf(options).live?.endpointArn ?? null,
        },
        error: null,
      };
    case 'destroyed':
      return {
        detailType: DetailType.AgentDestroyed,
        data: {
          mode: plan?.mode,
          resourceName: resource?.name ?? metadata.project,
          resourceArn: resource?.arn ?? null,
          durations,
        },
        error: null,
      };
    case 'rejected': {
      const errors = plan?.diagnostics.errors ?? [];
      const first = errors[0];
      const message = first
        ? `The drop has ${plan?.diagnostics.counts.errors ?? errors.length} error(s); first: ${first.message}`
        : 'The drop is invalid.';
      const error = {
        code: first?.code ?? 'DropInvalid',
        name: 'DropInvalid',
        message,
        state: 'Plan',
        buildLogUrl: null,
      };
      return {
        detailType: DetailType.DeployFailed,
        data: failedData(error, plan, errors.slice(0, 20), promotionOf(options)),
        error,
      };
    }
    default: {
      const error = describeFailure(document.error as Readonly<Record<string, CaughtError>> | undefined);
      return {
        detailType: DetailType.DeployFailed,
        data: failedData(error, plan, [], promotionOf(options)),
        error,
      };
    }
  }
}

function failedData(
  error: ReceiptError & { readonly buildLogUrl: string | null },
  plan: ExecutionDocument['plan'],
  diagnostics: readonly unknown[],
  promotion: Promotion,
): Record<string, unknown> {
  return {
    errorCode: error.code,
    errorName: error.name,
    message: error.message,
    failedState: error.state,
    diagnostics,
    diagnosticCounts: plan?.diagnostics.counts ?? { errors: 0, warnings: 0, infos: 0 },
    planKey: plan?.artifacts.planKey ?? null,
    buildLogUrl: error.buildLogUrl,
    liveVersion: promotion.live?.version ?? null,
    candidateVersion: promotion.candidateVersion,
  };
}

/** What a run did to the `live` endpoint (gated promotion, docs/state-machine.md §2.5). */
interface Promotion {
  /** Where `live` is after the run: moved by a success, else as STATE recorded it before. */
  readonly live: LiveVersion | null;
  /** The version this deploy created and tested, or null when it made none. */
  readonly candidateVersion: string | null;
}

function promotionOf(options: BuildOutcomeOptions): Promotion {
  const { document, outcome } = options;
  const promoted = document.poll?.live;
  if (outcome === 'succeeded' && promoted) {
    return {
      live: { version: promoted.version, endpointArn: promoted.endpointArn },
      // A rollback tested nothing: it moved live to a version that passed before.
      candidateVersion:
        document.plan?.decision === 'rollback' ? null : (document.poll?.resource.version ?? null),
    };
  }
  const deploying = document.plan?.action === 'deploy' && document.plan.decision !== 'rollback';
  // A run that failed after live served its version (e.g. in RecordSuccess) says so: live did move, to a version
  // that passed its smoke test, although STATE still records the one before.
  const moved = promoted && document.poll?.status === 'READY' ? promoted : null;
  return {
    live: moved ? { version: moved.version, endpointArn: moved.endpointArn } : (options.lastLive ?? null),
    candidateVersion: deploying && outcome === 'failed' ? (document.poll?.resource.version ?? null) : null,
  };
}

function toReceiptError(error: ReceiptError): ReceiptError {
  return { code: error.code, name: error.name, message: error.message, state: error.state };
}

function exported(document: ExecutionDocument, name: string): string | null {
  return (
    document.build?.exportedEnvironmentVariables.find((variable) => variable.Name === name)?.Value ?? null
  );
}

function executionConsoleUrl(region: string, executionArn: string): string {
  return `https://${region}.console.aws.amazon.com/states/home?region=${region}#/v2/executions/details/${executionArn}`;
}
