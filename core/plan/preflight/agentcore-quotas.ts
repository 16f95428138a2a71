/** The Service Quotas service code of AgentCore. */
export const AgentCoreServiceCode = 'bedrock-agentcore';

/** What a deploy adds that a quota bounds. */
export type AgentCoreQuotaName =
  | 'runtimesPerAccount'
  | 'harnessesPerAccount'
  | 'endpointsPerResource'
  | 'versionsPerResource';

/** One quota: its name in Service Quotas, its documented default and the diagnostic preflight fails with. */
export interface AgentCoreQuota {
  readonly quotaName: string;
  readonly defaultValue: number;
  readonly code:
    | 'quota.runtimes_exceeded'
    | 'quota.harnesses_exceeded'
    | 'quota.endpoints_exceeded'
    | 'quota.versions_exceeded';
  /** What it counts, for messages. */
  readonly counts: string;
}

/**
 * The AgentCore quotas a deploy can run into, with the defaults documented in "Quotas for Amazon Bedrock
 * AgentCore" (https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/bedrock-agentcore-limits.html), read
 * 2026-12-04. The pipeline asks Service Quotas (service code `bedrock-agentcore`) for the account's value of each
 * by its quota name and falls back to the default here when Service Quotas does not list it. A harness is backed
 * by a managed runtime and bound by the Runtime quotas (same page), so its limits default to the runtime ones;
 * `Harnesses per account` is not a documented quota name, only looked up in case Service Quotas lists one.
 */
export const AgentCoreQuotas: Readonly<Record<AgentCoreQuotaName, AgentCoreQuota>> = {
  runtimesPerAccount: {
    quotaName: 'Total agents per account',
    defaultValue: 1000,
    code: 'quota.runtimes_exceeded',
    counts: 'agent runtimes in the region',
  },
  harnessesPerAccount: {
    quotaName: 'Harnesses per account',
    defaultValue: 1000,
    code: 'quota.harnesses_exceeded',
    counts: 'harnesses in the region',
  },
  endpointsPerResource: {
    quotaName: 'Endpoints (aliases) per agent',
    defaultValue: 10,
    code: 'quota.endpoints_exceeded',
    counts: 'named endpoints of one agent',
  },
  versionsPerResource: {
    quotaName: 'Versions per agent',
    defaultValue: 1000,
    code: 'quota.versions_exceeded',
    counts: 'versions of one agent',
  },
};

/** Every quota's documented default. */
export function defaultQuotaLimits(): Record<AgentCoreQuotaName, number> {
  return Object.fromEntries(
    Object.entries(AgentCoreQuotas).map(([name, quota]) => [name, quota.defaultValue]),
  ) as Record<AgentCoreQuotaName, number>;
}
