import { describe, expect, it } from 'vitest';
import type { ProjectState } from '../../../../functions/lib/store/index.js';
import { passedVersions } from '../../../../functions/plan/record-outcome.js';

const now = new Date('2026-12-04T20:00:00.000Z');
const state = (id: string, versions: string[]): ProjectState => ({
  project: 'single',
  mode: 'harness',
  region: 'us-west-2',
  resource: { name: 'agentdrop_single', id, arn: null, version: versions.at(-1) ?? null },
  fingerprint: 'f',
  specHash: 's',
  image: null,
  skillPrefixes: [],
  lastDeployId: 'd-last',
  updatedAt: now.toISOString(),
  passedVersions: versions.map((version) => ({ version, deployId: `d-${version}`, passedAt: 'earlier' })),
  rev: 1,
});

describe('passedVersions', () => {
  it('appends the version that passed to those of the same resource', () => {
    expect(passedVersions(state('h-1', ['1', '2']), { id: 'h-1', version: '4' }, 'd-4', now)).toEqual([
      { version: '1', deployId: 'd-1', passedAt: 'earlier' },
      { version: '2', deployId: 'd-2', passedAt: 'earlier' },
      { version: '4', deployId: 'd-4', passedAt: now.toISOString() },
    ]);
  });

  it('starts afresh for a new resource (replace, recreate) and without STATE', () => {
    expect(passedVersions(state('h-1', ['1']), { id: 'r-9', version: '1' }, 'd-9', now)).toEqual([
      { version: '1', deployId: 'd-9', passedAt: now.toISOString() },
    ]);
    expect(passedVersions(null, { id: 'h-1', version: '1' }, 'd-1', now).map((v) => v.version)).toEqual([
      '1',
    ]);
  });

  it('gives the same list when the same write is retried after it landed', () => {
    const first = passedVersions(state('h-1', ['1']), { id: 'h-1', version: '2' }, 'd-2', now);
    const landed = { ...state('h-1', []), passedVersions: first };
    const later = new Date(now.getTime() + 5000);
    expect(passedVersions(landed, { id: 'h-1', version: '2' }, 'd-2', later)).toEqual(first);
  });

  it('keeps the newest twenty', () => {
    const many = Array.from({ length: 20 }, (_, i) => String(i + 1));
    const kept = passedVersions(state('h-1', many), { id: 'h-1', version: '21' }, 'd-21', now);
    expect([kept.length, kept[0]?.version, kept.at(-1)?.version]).toEqual([20, '2', '21']);
  });
});
