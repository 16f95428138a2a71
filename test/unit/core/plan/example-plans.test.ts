import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDirectoryBundle } from '../../../../core/bundle/index.js';
import { planDeploy } from '../../../../core/plan/index.js';

const examples = join(import.meta.dirname, '../../../../examples');

describe('the example drops', () => {
  it.each(['single', 'team'])('plan as their golden snapshot (%s)', async (name) => {
    const plan = planDeploy(await readDirectoryBundle(join(examples, name)), { project: name });
    expect(plan.deployable).toBe(true);
    await expect(`${JSON.stringify(plan, null, 2)}\n`).toMatchFileSnapshot(`__snapshots__/${name}.plan.json`);
  });

  it('plans single as a harness and team as a runtime', async () => {
    const modes = await Promise.all(
      ['single', 'team'].map(
        async (name) => planDeploy(await readDirectoryBundle(join(examples, name)), { project: name }).mode,
      ),
    );
    expect(modes).toEqual(['harness', 'runtime']);
  });
});
