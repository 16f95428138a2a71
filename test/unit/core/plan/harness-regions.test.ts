import { describe, expect, it } from 'vitest';
import { HarnessLaunchRegions } from '../../../../core/plan/plan-deploy.js';
import { HarnessRegions } from '../../../../core/plan/preflight/index.js';

describe('the two harness region lists', () => {
  it("serve every launch region: a region without spec §8's preview warning is never refused by preflight", () => {
    expect(HarnessLaunchRegions).toHaveLength(4);
    expect(HarnessLaunchRegions.filter((region) => !HarnessRegions.has(region))).toEqual([]);
  });
});
