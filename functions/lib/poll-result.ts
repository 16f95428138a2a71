import type { PollResult, PollStatus, ResourceInfo } from './contract.js';
import { ResourceFailedError, ResourceTimedOutError } from './errors.js';

/** Status checks before a resource that never settles fails the run (≈ 30 minutes with the backoff below). */
export const MaxStatusChecks = 40;

/** The next Wait: 5 s, growing ×1.5 per check, capped at 60 s (docs/state-machine.md §2.3). */
export function nextDelaySeconds(attempt: number): number {
  return Math.min(60, Math.round(5 * 1.5 ** attempt));
}

/**
 * Turns a control-plane status into the poll loop's result: `*_FAILED` throws ResourceFailed with the
 * `failureReason`; a resource that is gone is GONE while deleting, a failure otherwise; too many checks
 * throw ResourceTimedOut.
 */
export function toPollResult(options: {
  readonly resource: ResourceInfo;
  readonly live: { status: string; failureReason: string | null; version: string | null } | null;
  readonly attempt: number;
  readonly deleting: boolean;
}): PollResult {
  const { resource, live, attempt, deleting } = options;
  const label = `${resource.name ?? resource.id ?? 'resource'}`;
  if (live === null) {
    if (deleting) return { resource, status: 'GONE', failureReason: null, attempt, delaySeconds: 0 };
    throw new ResourceFailedError({
      resource: label,
      status: 'NOT_FOUND',
      failureReason: 'it no longer exists',
    });
  }
  if (live.status.endsWith('_FAILED')) {
    throw new ResourceFailedError({
      resource: label,
      status: live.status,
      failureReason: live.failureReason,
    });
  }
  const status = live.status as PollStatus;
  if (status !== 'READY' && attempt >= MaxStatusChecks) {
    throw new ResourceTimedOutError({ resource: label, status, attempts: attempt });
  }
  return {
    resource: { ...resource, version: live.version ?? resource.version },
    status,
    failureReason: null,
    attempt,
    delaySeconds: nextDelaySeconds(attempt),
  };
}
