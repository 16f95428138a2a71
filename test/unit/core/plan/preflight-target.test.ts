import { describe, expect, it } from 'vitest';
import { type Plan, preflightTarget } from '../../../../core/plan/index.js';

/** The fields preflight reads, on an otherwise empty plan. */
function plan(mode: 'harness' | 'runtime', region: string, models: readonly string[]): Plan {
  return {
    mode,
    region,
    agents: models.map((model, index) => ({ name: `agent-${index}`, model })),
  } as unknown as Plan;
}

const codes = (found: readonly { code: string }[]) => found.map((diagnostic) => diagnostic.code);
const usWest2 = { allowedRegions: ['us-west-2'] };

describe('preflightTarget', () => {
  it('passes a plan in an allowed region AgentCore serves, with a profile of its geography', () => {
    expect(
      preflightTarget(plan('harness', 'us-west-2', ['us.anthropic.claude-haiku-4-5-20251001-v1:0']), usWest2),
    ).toEqual([]);
  });

  it('refuses a region the stack does not deploy to, naming the ones it does', () => {
    const [found] = preflightTarget(plan('runtime', 'eu-central-1', ['global.anthropic.x']), usWest2);
    expect([found?.code, found?.message]).toEqual([
      'region.not_allowed',
      expect.stringContaining('(us-west-2)'),
    ]);
  });

  it('refuses a harness where AgentCore serves runtimes only', () => {
    const limits = { allowedRegions: ['us-west-1'] };
    expect(codes(preflightTarget(plan('harness', 'us-west-1', ['us.a.b']), limits))).toEqual([
      'region.unsupported',
    ]);
    expect(codes(preflightTarget(plan('runtime', 'us-west-1', ['us.a.b']), limits))).toEqual([]);
  });

  it('refuses a region AgentCore does not serve at all', () => {
    const limits = { allowedRegions: ['me-central-1'] };
    expect(codes(preflightTarget(plan('runtime', 'me-central-1', ['global.a.b']), limits))).toEqual([
      'region.unsupported',
    ]);
  });

  it.each([
    ['eu.anthropic.claude-sonnet-4-5-20250929-v1:0', 'us-west-2', false],
    ['apac.anthropic.x', 'ap-southeast-2', true],
    ['jp.anthropic.x', 'ap-southeast-2', false],
    ['au.anthropic.x', 'ap-southeast-2', true],
    ['us.anthropic.x', 'us-gov-west-1', false],
    ['us-gov.anthropic.x', 'us-gov-west-1', true],
    ['global.anthropic.x', 'eu-west-1', true],
    ['global.anthropic.x', 'us-gov-west-1', false],
    ['arn:aws:bedrock:eu-west-1:111122223333:application-inference-profile/abc', 'us-west-2', false],
    ['arn:aws:bedrock:us-west-2:111122223333:application-inference-profile/abc', 'us-west-2', true],
    ['amazon.nova-pro-v1:0', 'us-west-2', true],
  ])('model %s from %s: callable %s', (model, region, callable) => {
    const found = preflightTarget(plan('runtime', region, [model]), { allowedRegions: [region] });
    const problems = found.filter((diagnostic) => diagnostic.code === 'model.unavailable_in_region');
    expect(problems.length === 0).toBe(callable);
    if (!callable) expect(problems[0]?.where).toBe('agents/agent-0');
  });
});
