import { ListServiceQuotasCommand } from '@aws-sdk/client-service-quotas';
import {
  type AgentCoreQuotaName,
  AgentCoreQuotas,
  AgentCoreServiceCode,
  defaultQuotaLimits,
} from '../../core/plan/index.js';
import { toPipelineError } from '../lib/agentcore/index.js';
import { serviceQuotasClient } from '../lib/clients/service-quotas.js';
import type { PipelineDeps } from '../lib/pipeline-deps.js';

/** The account's limit of each AgentCore quota in one region, and where each came from. */
export interface QuotaLimits {
  readonly limits: Readonly<Record<AgentCoreQuotaName, number>>;
  readonly from: Readonly<Record<AgentCoreQuotaName, 'service-quotas' | 'default'>>;
}

/**
 * Reads the account's AgentCore quotas in `region` from Service Quotas (ListServiceQuotas of `bedrock-agentcore`,
 * matched by quota name: AWS publishes no quota codes for AgentCore); a quota it does not list, or a service it
 * does not know (NoSuchResourceException), keeps the documented default (core/plan/preflight/agentcore-quotas.ts).
 * Throttling and 5xx are the retried AgentCoreThrottled / AgentCoreUnavailable; a denial is AccessDenied.
 */
export async function readQuotaLimits(deps: PipelineDeps, region: string): Promise<QuotaLimits> {
  const limits = defaultQuotaLimits();
  const from = Object.fromEntries(Object.keys(limits).map((name) => [name, 'default'])) as Record<
    AgentCoreQuotaName,
    'service-quotas' | 'default'
  >;
  const byQuotaName = new Map(
    (Object.keys(AgentCoreQuotas) as AgentCoreQuotaName[]).map((name) => [
      AgentCoreQuotas[name].quotaName,
      name,
    ]),
  );
  const client = serviceQuotasClient(deps, region);
  let nextToken: string | undefined;
  try {
    do {
      const page = await client.send(
        new ListServiceQuotasCommand({
          ServiceCode: AgentCoreServiceCode,
          MaxResults: 100,
          NextToken: nextToken,
        }),
      );
      for (const quota of page.Quotas ?? []) {
        const name = byQuotaName.get(quota.QuotaName ?? '');
        if (name === undefined || quota.Value === undefined) continue;
        limits[name] = Math.floor(quota.Value);
        from[name] = 'service-quotas';
      }
      nextToken = page.NextToken;
    } while (nextToken);
  } catch (error) {
    if (error instanceof Error && error.name === 'NoSuchResourceException') return { limits, from };
    throw toPipelineError(error, 'ListServiceQuotas');
  }
  return { limits, from };
}
