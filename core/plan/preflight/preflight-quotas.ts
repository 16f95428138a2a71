import { type Diagnostic, makeDiagnostic } from '../../diagnostics/index.js';
import { type AgentCoreQuotaName, AgentCoreQuotas } from './agentcore-quotas.js';

/** One quota a deploy would draw on: how much of it is used now, how much the deploy adds, and the limit. */
export interface QuotaUse {
  readonly quota: AgentCoreQuotaName;
  readonly used: number;
  readonly adds: number;
  readonly limit: number;
  /** Where the limit came from: the account's value in Service Quotas or the documented default. */
  readonly limitFrom: 'service-quotas' | 'default';
}

/**
 * The quota checks of preflight: an error diagnostic, with the quota's own code, for each quota the deploy would
 * take past its limit (`used + adds > limit`). A deploy that adds nothing to a quota never fails on it, even
 * when the account is already over it.
 */
export function preflightQuotas(uses: readonly QuotaUse[]): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const use of uses) {
    if (use.adds === 0 || use.used + use.adds <= use.limit) continue;
    const quota = AgentCoreQuotas[use.quota];
    const from =
      use.limitFrom === 'service-quotas' ? 'the account’s value in Service Quotas' : 'the documented default';
    found.push(
      makeDiagnostic(
        quota.code,
        'quota',
        `The deploy would bring the ${quota.counts} to ${use.used + use.adds}, over the quota "${quota.quotaName}" of ${use.limit} (${from}); delete unused ones or request a quota increase.`,
      ),
    );
  }
  return found;
}
