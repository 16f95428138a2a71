import { ServiceError } from './service-error.js';

/**
 * The emulator's stand-ins for the account's AgentCore quotas. Exceeding one answers 402
 * ServiceQuotaExceededException, the status the service uses for quotas (agentcore-api.md §1.3).
 */
export const ServiceQuotas = {
  runtimesPerAccount: 1000,
  harnessesPerAccount: 1000,
  endpointsPerRuntime: 10,
  endpointsPerHarness: 10,
} as const;

/** Throws ServiceQuotaExceededException when `count` more resources would pass `quota`. */
export function assertQuota(count: number, quota: keyof typeof ServiceQuotas, what: string): void {
  const limit = ServiceQuotas[quota];
  if (count >= limit) {
    throw new ServiceError(
      'ServiceQuotaExceededException',
      `You have reached the maximum of ${limit} ${what}. Delete unused ones or request a quota increase.`,
    );
  }
}
