import type { Diagnostic } from '../../core/diagnostics/index.js';
import type { PlanDecision, ResourceInfo, TriggerInfo } from '../lib/contract.js';
import { toPendingAttribute } from '../lib/store/index.js';

const NoResource: ResourceInfo = { name: null, id: null, arn: null, version: null };
/** How long a released lock item may linger before TTL collects it. */
const LockTtlAfterLeaseSeconds = 172_800;
/** The decision carries the first 20 error diagnostics; the plan artifact has them all (DESIGN §7). */
const MaxDecisionErrors = 20;

/** The parts of a decision every path shares; each path fills in the rest. */
export interface DecisionBase {
  readonly deployId: string;
  readonly trigger: TriggerInfo;
  readonly executionArn: string;
  /** When the plan started (claims and the deploy id use it). */
  readonly now: Date;
  /** The clock: the decision is stamped when it is made, so `occurredAt` marks the end of planning. */
  readonly clock: () => Date;
  readonly leaseSeconds: number;
  readonly region: string;
  readonly replans: number;
}

/** Builds a complete decision (every field present, docs/state-machine.md §2.1) from a base and overrides. */
export function shapeDecision(base: DecisionBase, overrides: Partial<PlanDecision>): PlanDecision {
  const decidedAt = base.clock();
  const nowSeconds = Math.floor(decidedAt.getTime() / 1000);
  const leaseExpiresAt = nowSeconds + base.leaseSeconds;
  const { trigger } = base;
  return {
    deployId: base.deployId,
    project: trigger.project,
    action: 'invalid',
    skipReason: null,
    mode: null,
    region: base.region,
    decision: null,
    rev: 0,
    fingerprint: null,
    specHash: null,
    resource: NoResource,
    previous: { ...NoResource, mode: null, region: null },
    artifact: null,
    artifacts: { planKey: null, buildContextKey: null, codePackage: null },
    image: null,
    diagnostics: { errors: [], counts: { errors: 0, warnings: 0, infos: 0 } },
    smoke: { prompt: 'Say hello in one short sentence.', expect: null },
    trigger,
    lock: {
      now: String(nowSeconds),
      leaseExpiresAt: String(leaseExpiresAt),
      expiresAt: String(leaseExpiresAt + LockTtlAfterLeaseSeconds),
      pending: toPendingAttribute({
        key: trigger.key ?? `drops/${trigger.project}.zip`,
        versionId: trigger.versionId,
        sequencer: trigger.sequencer,
        deployId: base.deployId,
        queuedAt: nowSeconds,
      }),
    },
    metadata: {
      schemaVersion: '1',
      deployId: base.deployId,
      project: trigger.project,
      executionArn: base.executionArn,
      occurredAt: decidedAt.toISOString(),
      trigger: trigger.kind,
    },
    replans: base.replans,
    ...overrides,
  };
}

/** The decision's diagnostics summary: the first errors and counts per level. */
export function summarizeDiagnostics(list: readonly Diagnostic[]): PlanDecision['diagnostics'] {
  const errors = list.filter((d) => d.level === 'error');
  return {
    errors: errors.slice(0, MaxDecisionErrors),
    counts: {
      errors: errors.length,
      warnings: list.filter((d) => d.level === 'warning').length,
      infos: list.filter((d) => d.level === 'info').length,
    },
  };
}

/** A resource reference with only a name (to be created). */
export function namedResource(name: string): ResourceInfo {
  return { name, id: null, arn: null, version: null };
}
