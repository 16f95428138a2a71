import type { Diagnostic } from '../../core/diagnostics/index.js';
import { preflightQuotas, type QuotaUse } from '../../core/plan/index.js';
import {
  CandidateEndpoint,
  LiveEndpoint,
  listEndpointNames,
  listResources,
  listVersions,
  type ResourceSummary,
} from '../lib/agentcore/index.js';
import { agentCoreControl } from '../lib/clients/agentcore-control.js';
import type { PipelineDeps } from '../lib/pipeline-deps.js';
import { readQuotaLimits } from './read-quota-limits.js';

/** What the deploy being planned does to AgentCore. */
export interface QuotaTarget {
  readonly mode: 'harness' | 'runtime';
  readonly region: string;
  /** A new resource (create, replace, recreate) or a new version of `resourceId` (update). */
  readonly decision: 'create' | 'replace' | 'recreate' | 'update';
  readonly resourceId: string | null;
  /** The account's harnesses or runtimes in `region`, when this invocation has listed them (a first deploy). */
  readonly listed?: readonly ResourceSummary[];
}

/** The endpoints every deployed resource gets (docs/state-machine.md §2.3). */
const PipelineEndpoints = [LiveEndpoint, CandidateEndpoint];

/**
 * The quota part of preflight (docs/state-machine.md §2.1): counts, with read-only AgentCore calls, only what
 * this deploy would add — a new resource adds one harness or runtime and its `live` and `candidate` endpoints, an
 * update adds one version (and any of the two endpoints it lacks) — and compares with the account's limits.
 */
export async function checkQuotas(deps: PipelineDeps, target: QuotaTarget): Promise<Diagnostic[]> {
  const control = agentCoreControl(deps, target.region);
  const { limits, from } = await readQuotaLimits(deps, target.region);
  const use = (quota: QuotaUse['quota'], used: number, adds: number): QuotaUse => ({
    quota,
    used,
    adds,
    limit: limits[quota],
    limitFrom: from[quota],
  });
  if (target.decision !== 'update' || target.resourceId === null) {
    const quota = target.mode === 'harness' ? 'harnessesPerAccount' : 'runtimesPerAccount';
    return preflightQuotas([
      use(quota, (target.listed ?? (await listResources(control, target.mode))).length, 1),
      use('endpointsPerResource', 0, PipelineEndpoints.length),
    ]);
  }
  const versions = await listVersions(control, target.mode, target.resourceId);
  const endpoints = await listEndpointNames(control, target.mode, target.resourceId);
  const missing = PipelineEndpoints.filter((name) => !endpoints.includes(name));
  return preflightQuotas([
    use('versionsPerResource', versions.length, 1),
    use('endpointsPerResource', endpoints.length, missing.length),
  ]);
}
