import { describe, expect, it } from 'vitest';
import { decideState, type StateDecisionInput } from '../../../../core/plan/index.js';

const target = { mode: 'runtime', region: 'us-west-2', name: 'agentdrop_team_lead' } as const;
const recorded = { ...target, fingerprint: 'f1' };
const make = (overrides: Partial<StateDecisionInput>): StateDecisionInput => ({
  state: recorded,
  live: { status: 'READY', owned: true },
  target,
  fingerprint: 'f1',
  force: false,
  ...overrides,
});

describe('decideState', () => {
  it.each<[string, Partial<StateDecisionInput>, string | null]>([
    ['creates without STATE or resource', { state: null, live: null }, 'create'],
    [
      'adopts an owned resource without STATE',
      { state: null, live: { status: 'READY', owned: true } },
      'update',
    ],
    ['recreates a resource deleted behind our back', { live: null }, 'recreate'],
    ['replaces on a region change', { state: { ...recorded, region: 'eu-central-1' } }, 'replace'],
    ['replaces on a mode change', { state: { ...recorded, mode: 'harness' } }, 'replace'],
    ['skips an unchanged READY resource', {}, 'skip'],
    ['updates an unchanged READY resource when forced', { force: true }, 'update'],
    ['updates on a new fingerprint', { fingerprint: 'f2' }, 'update'],
    ['updates a failed resource', { live: { status: 'UPDATE_FAILED', owned: true } }, 'update'],
    [
      'updates an unchanged resource that is not READY',
      { live: { status: 'CREATE_FAILED', owned: true } },
      'update',
    ],
  ])('%s', (_name, overrides, decision) => {
    expect(decideState(make(overrides)).decision).toBe(decision);
  });

  it('rejects a resource with our name owned by someone else as name.collision', () => {
    const result = decideState(make({ state: null, live: { status: 'READY', owned: false } }));
    expect(result.decision).toBeNull();
    expect(result.diagnostic?.code).toBe('name.collision');
    expect(result.diagnostic?.message).not.toContain('tagged');
  });

  it("names who holds the name when the resource carries another stack's tags", () => {
    const live = { status: 'READY', owned: false, owner: 'stack other, project team' };
    expect(decideState(make({ state: null, live })).diagnostic?.message).toContain(
      '(it is tagged stack other, project team)',
    );
  });
});
