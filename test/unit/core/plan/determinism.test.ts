import { join } from 'node:path';
import { type Zippable, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readDirectoryBundle, readZipBundle } from '../../../../core/bundle/index.js';
import { planDeploy } from '../../../../core/plan/index.js';
import { treeFromDir } from '../../../support/file-tree.js';

const example = join(import.meta.dirname, '../../../../examples/team');

/** Zips the example's files in a seeded shuffled order, under `wrapper/`, with its own timestamps and levels. */
function zipShuffled(seed: number, wrapper: string): Uint8Array {
  const files = [...treeFromDir(example).files];
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  for (let i = files.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [files[i], files[j]] = [files[j]!, files[i]!];
  }
  const entries: Zippable = {};
  for (const [path, bytes] of files) {
    entries[`${wrapper}/${path}`] = [
      bytes,
      { level: seed % 2 === 0 ? 0 : 9, mtime: new Date(2000 + seed, 1, 2) },
    ];
  }
  return zipSync(entries);
}

describe('planDeploy determinism', () => {
  it('returns identical plan JSON for the same content zipped in other orders, times, levels and wrappers', async () => {
    const plans = await Promise.all(
      [1, 2, 3].map(async (seed) =>
        JSON.stringify(
          planDeploy(await readZipBundle(zipShuffled(seed, `wrap-${seed}`)), { project: 'team' }),
        ),
      ),
    );
    expect(new Set(plans).size).toBe(1);
    expect(JSON.parse(plans[0]!).deployable).toBe(true);
  });

  it('returns the same plan for a directory and a zip of it', async () => {
    const fromDir = planDeploy(await readDirectoryBundle(example), { project: 'team' });
    const fromZip = planDeploy(await readZipBundle(zipShuffled(4, 'team')), { project: 'team' });
    expect(fromZip).toEqual(fromDir);
  });
});
