import { describe, expect, it } from 'vitest';
import { AgentCoreQuotas, defaultQuotaLimits, preflightQuotas } from '../../../../core/plan/index.js';

describe('preflightQuotas', () => {
  it('passes uses that stay within their limits, the limit itself included', () => {
    expect(
      preflightQuotas([
        { quota: 'runtimesPerAccount', used: 999, adds: 1, limit: 1000, limitFrom: 'default' },
        { quota: 'endpointsPerResource', used: 0, adds: 2, limit: 10, limitFrom: 'service-quotas' },
      ]),
    ).toEqual([]);
  });

  it.each([
    ['runtimesPerAccount', 'quota.runtimes_exceeded'],
    ['harnessesPerAccount', 'quota.harnesses_exceeded'],
    ['endpointsPerResource', 'quota.endpoints_exceeded'],
    ['versionsPerResource', 'quota.versions_exceeded'],
  ] as const)('refuses a deploy that takes %s past its limit with %s', (quota, code) => {
    const [found, ...rest] = preflightQuotas([
      { quota, used: 4, adds: 2, limit: 5, limitFrom: 'service-quotas' },
    ]);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ level: 'error', code, where: 'quota' });
    expect(found!.message).toContain(`"${AgentCoreQuotas[quota].quotaName}" of 5`);
    expect(found!.message).toContain('Service Quotas');
  });

  it('never refuses a deploy that adds nothing to a quota already exceeded', () => {
    expect(
      preflightQuotas([{ quota: 'versionsPerResource', used: 12, adds: 0, limit: 10, limitFrom: 'default' }]),
    ).toEqual([]);
  });

  it('names the documented default when Service Quotas did not give the limit', () => {
    const [found] = preflightQuotas([
      { quota: 'runtimesPerAccount', used: 1000, adds: 1, limit: 1000, limitFrom: 'default' },
    ]);
    expect(found!.message).toContain('the documented default');
    expect(defaultQuotaLimits()).toEqual({
      runtimesPerAccount: 1000,
      harnessesPerAccount: 1000,
      endpointsPerResource: 10,
      versionsPerResource: 1000,
    });
  });
});
