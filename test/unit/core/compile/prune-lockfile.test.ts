import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneLockfile, RuntimeDependencies } from '../../../../core/compile/index.js';

const integrity = 'sha512-x';

describe('pruneLockfile', () => {
  describe('when packages are nested and hoisted', () => {
    it('returns the closure at the same positions, with registry URLs and without dev markers', () => {
      const lock = {
        lockfileVersion: 3,
        packages: {
          '': { name: 'agentdrop', dependencies: { a: '1.0.0', tool: '1.0.0' } },
          'node_modules/a': { version: '1.0.0', integrity, dependencies: { b: '^2.0.0', '@s/c': '^1.0.0' } },
          'node_modules/a/node_modules/b': { version: '2.0.0', integrity, dev: true },
          'node_modules/b': { version: '1.0.0', integrity },
          'node_modules/@s/c': {
            version: '1.0.0',
            integrity,
            peerDependencies: { b: '*', ghost: '*' },
            peerDependenciesMeta: { ghost: { optional: true } },
          },
          'node_modules/tool': { version: '1.0.0', integrity, dev: true },
        },
      };
      expect(pruneLockfile(lock, 'My Team', { a: '1.0.0' })).toEqual({
        name: 'agentdrop-runtime-my-team',
        version: '0.0.0',
        lockfileVersion: 3,
        requires: true,
        packages: {
          '': { name: 'agentdrop-runtime-my-team', version: '0.0.0', dependencies: { a: '1.0.0' } },
          'node_modules/@s/c': {
            version: '1.0.0',
            resolved: 'https://registry.npmjs.org/@s/c/-/c-1.0.0.tgz',
            integrity,
            peerDependencies: { b: '*', ghost: '*' },
            peerDependenciesMeta: { ghost: { optional: true } },
          },
          'node_modules/a': {
            version: '1.0.0',
            resolved: 'https://registry.npmjs.org/a/-/a-1.0.0.tgz',
            integrity,
            dependencies: { b: '^2.0.0', '@s/c': '^1.0.0' },
          },
          'node_modules/a/node_modules/b': {
            version: '2.0.0',
            resolved: 'https://registry.npmjs.org/b/-/b-2.0.0.tgz',
            integrity,
          },
          'node_modules/b': {
            version: '1.0.0',
            resolved: 'https://registry.npmjs.org/b/-/b-1.0.0.tgz',
            integrity,
          },
        },
      });
    });
  });

  describe('when a pinned dependency is missing or at another version', () => {
    it('rejects with PlanTreeMismatch', () => {
      const lock = { packages: { '': {}, 'node_modules/a': { version: '0.9.0', integrity } } };
      expect(() => pruneLockfile(lock, 'p', { a: '1.0.0' })).toThrowError(
        expect.objectContaining({
          name: 'PlanTreeMismatch',
          message: 'The package lock does not hold a@1.0.0.',
        }),
      );
    });
  });

  describe("when given agentdrop's own lockfile", () => {
    it('returns a closed tree: every dependency of every kept package resolves inside it', () => {
      const lock: unknown = JSON.parse(
        readFileSync(join(import.meta.dirname, '../../../../package-lock.json'), 'utf8'),
      );
      const pruned = pruneLockfile(lock, 'team', RuntimeDependencies) as {
        packages: Record<string, Record<string, unknown>>;
      };
      const locations = Object.keys(pruned.packages);
      expect(locations.length).toBeGreaterThan(50);
      expect(locations).not.toContain('node_modules/vitest');
      expect(locations).not.toContain('node_modules/esbuild');
      for (const [location, entry] of Object.entries(pruned.packages)) {
        expect(entry.dev).toBeUndefined();
        if (location === '') continue;
        expect(entry.resolved).toMatch(/^https:\/\/registry\.npmjs\.org\//);
        for (const name of Object.keys((entry.dependencies as Record<string, string> | undefined) ?? {})) {
          const found = lookUp(pruned.packages, location, name);
          expect(found, `${location} → ${name}`).not.toBeNull();
        }
      }
    });
  });
});

function lookUp(packages: Record<string, unknown>, from: string, name: string): string | null {
  let dir = from;
  for (;;) {
    const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (candidate in packages) return candidate;
    if (dir === '') return null;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut < 0 ? '' : dir.slice(0, cut);
  }
}
