import { describe, expect, it } from 'vitest';
import { invocationKeys } from '../../../../functions/lib/invocation-keys.js';

describe('invocationKeys', () => {
  it('reads action, project and deploy id from a resource task event', () => {
    expect(
      invocationKeys({
        action: 'status',
        executionArn: 'arn:…',
        plan: { deployId: 'D1', project: 'team', action: 'deploy', secret: 'x' },
      }),
    ).toEqual({ action: 'status', project: 'team', deployId: 'D1' });
  });

  it('takes the deploy id the Plan function chose from its result when the event has none', () => {
    expect(
      invocationKeys({ action: 'plan', event: {} }, { deployId: 'D2', project: 'demo', action: 'deploy' }),
    ).toEqual({
      action: 'plan',
      project: 'demo',
      deployId: 'D2',
    });
  });

  it("reads a record's document and a Replan's deploy id, and ignores what is not a non-empty string", () => {
    expect(
      invocationKeys({ action: 'record', document: { plan: { deployId: 'D3', project: 'p' } } }),
    ).toEqual({
      action: 'record',
      deployId: 'D3',
      project: 'p',
    });
    expect(invocationKeys({ action: 'plan', deployId: 'D4' })).toEqual({ action: 'plan', deployId: 'D4' });
    expect(invocationKeys({ action: 7, deployId: '' }, null)).toEqual({});
    expect(invocationKeys(undefined)).toEqual({});
  });
});
