import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RuntimeDependencies } from '../../../../core/compile/index.js';

const root = join(import.meta.dirname, '../../../..');

describe('RuntimeDependencies', () => {
  it('returns the versions agentdrop itself installs and tests with', () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    const installed = Object.fromEntries(
      Object.keys(RuntimeDependencies).map((name) => [name, lock.packages[`node_modules/${name}`]?.version]),
    );
    expect(installed).toEqual(RuntimeDependencies);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const [name, version] of Object.entries(manifest.dependencies)) {
      if (name in RuntimeDependencies) expect(RuntimeDependencies[name]).toBe(version);
    }
  });
});
