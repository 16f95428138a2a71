import { describe, expect, it } from 'vitest';
import { pruneLockfile } from './prune-lockfile.js';

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
      expect(
        pruneLockfile(lock, { name: 'agentdrop-runtime', version: '0.0.0', dependencies: { a: '1.0.0' } }),
      ).toEqual({
        name: 'agentdrop-runtime',
        version: '0.0.0',
        lockfileVersion: 3,
        requires: true,
        packages: {
          '': { name: 'agentdrop-runtime', version: '0.0.0', dependencies: { a: '1.0.0' } },
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
    it('rejects naming the package and version', () => {
      const lock = { packages: { '': {}, 'node_modules/a': { version: '0.9.0', integrity } } };
      expect(() =>
        pruneLockfile(lock, { name: 'agentdrop-runtime', version: '0.0.0', dependencies: { a: '1.0.0' } }),
      ).toThrowError('The package lock does not hold a@1.0.0.');
    });
  });
});
