import { describe, expect, it } from 'vitest';
import { resourceName } from '../../../../core/plan/index.js';

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
