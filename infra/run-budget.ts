import { Duration, Token } from 'aws-cdk-lib';

/** How long CodeBuild may keep a build queued before it starts (the build project's `queuedTimeout`). */
export const BuildQueuedTimeout = Duration.hours(1);

/** Time the rest of a run may take besides the build: plan, deploy and its READY wait, smoke test, records. */
const RestOfRunSeconds = 3_600;
/** What the build task waits beyond the build's own timeouts (provisioning, the completion event). */
const BuildTaskMarginSeconds = 300;
/** A lock lease outlives the execution it belongs to, so a live run never loses its lock to a newer one. */
const LeaseMarginSeconds = 600;

/** The three durations that must agree for a run to keep its lock until Step Functions ends it. */
export interface RunBudget {
  /** `BuildImage.TimeoutSeconds`: the build's timeout plus its queue time plus a margin. */
  readonly buildTaskSeconds: number;
  /** The state machine's `TimeoutSeconds`. */
  readonly executionSeconds: number;
  /** The lock lease the Plan function stamps (`LOCK_LEASE_SECONDS`). */
  readonly lockLeaseSeconds: number;
}

/**
 * Derives the build task timeout, the execution timeout and the lock lease from the build timeout, so that
 * build timeout + queue < build task < execution < lease: a run that times out is ended by Step Functions and
 * finalized (DESIGN §7) while it still holds its lease. An unresolved token counts as the longest build (480 min).
 */
export function runBudget(buildTimeout: Duration): RunBudget {
  const minutes = buildTimeout.toMinutes({ integral: false });
  const buildSeconds = (Token.isUnresolved(minutes) ? 480 : minutes) * 60;
  const buildTaskSeconds = buildSeconds + BuildQueuedTimeout.toSeconds() + BuildTaskMarginSeconds;
  const executionSeconds = buildTaskSeconds + RestOfRunSeconds;
  return { buildTaskSeconds, executionSeconds, lockLeaseSeconds: executionSeconds + LeaseMarginSeconds };
}
