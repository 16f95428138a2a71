import { describe, expect, it } from 'vitest';
import { promotedEndpoint } from '../../../../cli/invoke/index.js';
import type { ProjectState } from '../../../../functions/lib/store/index.js';

const state = { project: 'demo', mode: 'harness' } as ProjectState;

describe('promotedEndpoint', () => {
  it('returns live when STATE names the endpoint gated promotion moves', () => {
    expect(
      promotedEndpoint({
        ...state,
        live: { endpointName: 'live', endpointArn: 'arn:live', version: '2' },
      } as ProjectState),
    ).toBe('live');
  });

  it('returns DEFAULT for STATE without a live endpoint', () => {
    expect([promotedEndpoint(state), promotedEndpoint({ ...state, live: null } as ProjectState)]).toEqual([
      'DEFAULT',
      'DEFAULT',
    ]);
  });
});
