import { describe, expect, it } from 'vitest';
import { boundedName, memoryName, NameLimits, resourceName } from '../../../../core/plan/index.js';

describe('resourceName', () => {
  it('returns the spec §6 examples for long names', () => {
    expect(resourceName('customer-success-escalations', 'senior-escalation-coordinator', 'harness')).toEqual({
      name: 'agentdrop_customer_success_escala_3787b4',
      full: 'agentdrop_customer_success_escalations_senior_escalation_coordinator',
      truncated: true,
    });
    expect(
      resourceName('customer-success-escalations', 'senior-escalation-coordinator', 'runtime').name,
    ).toBe('agentdrop_customer_success_escalations_se_3787b4');
  });

  it('returns a sanitised lower-case name within the limit unchanged', () => {
    expect(resourceName('team', 'Lead-Agent', 'runtime')).toEqual({
      name: 'agentdrop_team_lead_agent',
      full: 'agentdrop_team_lead_agent',
      truncated: false,
    });
  });
});

describe('boundedName', () => {
  const hashed = (limit: number) => new RegExp(`^[a-z0-9_]{${limit - 7}}_[0-9a-f]{6}$`);

  it('keeps a sanitised name of exactly the limit and shortens one a character longer', () => {
    expect(boundedName('Ab-c', 4)).toEqual({ name: 'ab_c', full: 'ab_c', truncated: false });
    const over = boundedName(`agentdrop_${'x'.repeat(31)}`, 40);
    expect(over.full).toHaveLength(41);
    expect(over.name).toHaveLength(40);
    expect(over.name).toMatch(hashed(40));
    expect(over.name.startsWith(over.full.slice(0, 33))).toBe(true);
  });

  it('bounds both patterns, agentdrop_<project>_<entry> and agentdrop_<project>, at their limits', () => {
    for (const mode of ['harness', 'runtime'] as const) {
      const limit = NameLimits[mode];
      // `agentdrop_` + project + `_` + entry: 11 characters besides the two parts.
      const at = resourceName('p'.repeat(limit - 12), 'e', mode);
      expect([at.name.length, at.truncated]).toEqual([limit, false]);
      const over = resourceName('p'.repeat(limit - 11), 'e', mode);
      expect([over.name.length, over.truncated]).toEqual([limit, true]);
      expect(over.name).toMatch(hashed(limit));
    }
    expect(memoryName('m'.repeat(38))).toBe(`agentdrop_${'m'.repeat(38)}`);
    expect(memoryName('m'.repeat(39))).toMatch(hashed(48));
    expect(memoryName('m'.repeat(39))).not.toBe(memoryName(`${'m'.repeat(38)}n`));
  });
});
