import { describe, expect, it } from 'vitest';
import type { ProjectState } from '../../../../functions/lib/store/index.js';
import { chooseRollbackVersion } from '../../../../functions/plan/decide-rollback.js';

const state = (live: string | null, passed: string[]): ProjectState => ({
  project: 'single',
  mode: 'harness',
  region: 'us-west-2',
  resource: { name: 'agentdrop_single', id: 'h-1', arn: null, version: '5' },
  fingerprint: 'f',
  specHash: 's',
  image: null,
  skillPrefixes: [],
  lastDeployId: 'd',
  updatedAt: '2026-12-04T20:00:00.000Z',
  ...(live === null
    ? {}
    : { live: { endpointName: 'live', endpointArn: 'arn:…/harness-endpoint/live', version: live } }),
  passedVersions: passed.map((version) => ({ version, deployId: `d-${version}`, passedAt: 'then' })),
  rev: 3,
});

describe('chooseRollbackVersion', () => {
  it('chooses the passed version before the live one by default', () => {
    expect(chooseRollbackVersion(state('4', ['1', '2', '4']), 'previous')).toEqual({
      ok: true,
      version: '2',
    });
    expect(chooseRollbackVersion(state('2', ['1', '2', '4']), 'previous')).toMatchObject({ version: '1' });
  });

  it('moves to any named passed version, forward too, and to the live version itself', () => {
    expect(chooseRollbackVersion(state('1', ['1', '2', '4']), '4')).toEqual({ ok: true, version: '4' });
    expect(chooseRollbackVersion(state('4', ['1', '2', '4']), '4')).toEqual({ ok: true, version: '4' });
  });

  it('refuses a version that never passed, and a rollback with nothing earlier or nothing live', () => {
    expect(chooseRollbackVersion(state('4', ['1', '2', '4']), '3')).toMatchObject({
      ok: false,
      code: 'rollback.version_not_passed',
    });
    expect(chooseRollbackVersion(state('1', ['1']), 'previous')).toMatchObject({
      ok: false,
      code: 'rollback.no_earlier_version',
    });
    expect(chooseRollbackVersion(state(null, []), 'previous')).toMatchObject({
      ok: false,
      code: 'rollback.nothing_live',
    });
    expect(chooseRollbackVersion(null, '1')).toMatchObject({ ok: false, code: 'rollback.nothing_live' });
  });
});
