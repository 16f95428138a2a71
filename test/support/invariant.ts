import type { DeployStore } from '../../functions/lib/store/index.js';
import type { LocalCloud } from '../../local/cloud/index.js';

/** The run invariants of DESIGN §8 (docs/state-machine.md), one name per check. */
export const Invariant = {
  /** Exactly one outcome event per run (Succeeded, Failed, Skipped, Queued or Agent Destroyed), valid per its schema. */
  OneOutcome: 'one-outcome',
  /** No run dies of an unhandled path error (`States.Runtime`, `States.DataLimitExceeded`): paths read only guaranteed values. */
  NoPathError: 'no-path-error',
  /** A failure names a stable code and the failing state, the same in the event and the receipt. */
  FailureNamed: 'failure-named',
  /** The project's lock is free once the runs have ended. */
  LockFree: 'lock-free',
  /** A queued drop is picked up: the project's last run did not end queued. */
  QueuedPickedUp: 'queued-picked-up',
  /** STATE, receipts and events agree (deployId, outcome, fingerprint, resource and version). */
  RecordsAgree: 'records-agree',
  /** Every AgentCore resource of the project is the one STATE records. */
  NoOrphan: 'no-orphan',
  /**
   * Gated promotion: STATE's live version passed its smoke test, and the `live` endpoint of STATE's resource
   * targets a version that passed (recorded, or the candidate of a run that failed after its promotion).
   */
  LiveGated: 'live-gated',
  /** The next good drop of the project succeeds (and its runs hold these invariants too). */
  NextDropSucceeds: 'next-drop-succeeds',
} as const;
export type Invariant = (typeof Invariant)[keyof typeof Invariant];

/** One broken invariant, with the run or project it concerns. */
export interface InvariantViolation {
  readonly invariant: Invariant;
  readonly project: string | null;
  readonly executionArn: string | null;
  readonly message: string;
}

/** What the checker reads: the local cloud (bus, AgentCore) and the pipeline's store. */
export interface InvariantTarget {
  readonly cloud: LocalCloud;
  readonly store: DeployStore;
}

/** The envelope of an outcome event's detail (DESIGN §4.4), as far as the checks read it. */
export interface EventDetail {
  readonly metadata?: {
    readonly deployId?: string;
    readonly project?: string;
    readonly executionArn?: string;
  };
  readonly data?: Readonly<Record<string, unknown>>;
}
