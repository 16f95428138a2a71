import { type AgentCoreQuotaName, defaultQuotaLimits } from '../../core/plan/index.js';
import { ServiceError } from './service-error.js';

/**
 * The emulator's stand-ins for the account's AgentCore quotas, by the names agentdrop's preflight uses
 * (core/plan/preflight/agentcore-quotas.ts). Mutable: the local cloud shares one object between the AgentCore
 * emulator, which enforces it, and the Service Quotas emulator, which reports it — a test that lowers a value
 * sees both change together.
 */
export type AgentCoreQuotaLimits = Record<AgentCoreQuotaName, number>;

/** The documented defaults with `overrides` over them. */
export function createQuotaLimits(overrides: Partial<AgentCoreQuotaLimits> = {}): AgentCoreQuotaLimits {
  return { ...defaultQuotaLimits(), ...overrides };
}

/**
 * Throws ServiceQuotaExceededException when one more resource would pass `quota` (`count` exist now). The
 * service answers 402 for quotas (agentcore-api.md §1.3).
 */
export function assertQuota(
  limits: AgentCoreQuotaLimits,
  count: number,
  quota: AgentCoreQuotaName,
  what: string,
): void {
  const limit = limits[quota];
  if (count >= limit) {
    throw new ServiceError(
      'ServiceQuotaExceededException',
      `You have reached the maximum of ${limit} ${what}. Delete unused ones or request a quota increase.`,
    );
  }
}
