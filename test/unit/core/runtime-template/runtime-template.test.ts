import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareCodePoints } from '../../../../core/diagnostics/index.js';
import { RuntimeTemplate } from '../../../../core/runtime-template/index.js';
import { pruneLockfile, type RuntimePackage } from '../../../support/prune-lockfile.js';

const root = join(import.meta.dirname, '../../../..');
const templateDir = join(root, 'core/runtime-template/files');

/** Every file under `files/`, by `/`-separated path, in code-point order. */
function readTemplateDir(): Record<string, string> {
  const paths: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else paths.push(relative(templateDir, path).split('\\').join('/'));
    }
  };
  walk(templateDir);
  return Object.fromEntries(
    paths.sort(compareCodePoints).map((path) => [path, readFileSync(join(templateDir, path), 'utf8')]),
  );
}

/** agentdrop's own lockfile pruned to the runtime package of the template's package.json. */
function prunedLockfile(): string {
  const runtime = JSON.parse(readFileSync(join(templateDir, 'package.json'), 'utf8')) as RuntimePackage;
  const lock: unknown = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  return `${JSON.stringify(pruneLockfile(lock, runtime), null, 2)}\n`;
}

describe('RuntimeTemplate', () => {
  // Run `npx vitest run test/unit/core/runtime-template -u` after editing a file under files/ (or after
  // agentdrop's own dependencies change) to rewrite the lockfile and the embedding. The next run then fails
  // on the golden hash of template-hash.test.ts, and the plan tests on every runtime specHash, until they
  // are updated on purpose.
  it("pins package-lock.json to agentdrop's own lockfile, pruned to the runtime's dependencies", async () => {
    await expect(prunedLockfile()).toMatchFileSnapshot(join(templateDir, 'package-lock.json'));
  });

  it('embeds every file of core/runtime-template/files byte for byte', async () => {
    const files = { ...readTemplateDir(), 'package-lock.json': prunedLockfile() };
    const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => compareCodePoints(a, b)));
    await expect(`${JSON.stringify(sorted, null, 2)}\n`).toMatchFileSnapshot(
      join(root, 'core/runtime-template/template-files.json'),
    );
  });

  it('type-checks every runtime module: each starts with // @ts-check', () => {
    const modules = Object.keys(RuntimeTemplate).filter((path) => path.endsWith('.mjs'));
    expect(modules).toContain('agent.mjs');
    expect(modules.filter((path) => !RuntimeTemplate[path]!.startsWith('// @ts-check\n'))).toEqual([]);
  });

  it('leaves team.json, NOTES.md and skills/ to the compiler', () => {
    const paths = Object.keys(RuntimeTemplate);
    expect(paths.filter((p) => p === 'team.json' || p === 'NOTES.md' || p.startsWith('skills/'))).toEqual([]);
  });

  it('pins the versions agentdrop itself installs and tests with', () => {
    const { dependencies } = JSON.parse(RuntimeTemplate['package.json']!) as RuntimePackage;
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    const installed = Object.fromEntries(
      Object.keys(dependencies).map((name) => [name, lock.packages[`node_modules/${name}`]?.version]),
    );
    expect(installed).toEqual(dependencies);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const [name, version] of Object.entries(manifest.dependencies)) {
      if (name in dependencies) expect(dependencies[name]).toBe(version);
    }
  });

  it('locks a closed tree: every dependency of every locked package resolves inside it', () => {
    const lock = JSON.parse(RuntimeTemplate['package-lock.json']!) as {
      packages: Record<string, Record<string, unknown>>;
    };
    const locations = Object.keys(lock.packages);
    expect(locations.length).toBeGreaterThan(50);
    expect(locations).not.toContain('node_modules/vitest');
    expect(locations).not.toContain('node_modules/esbuild');
    for (const [location, entry] of Object.entries(lock.packages)) {
      expect(entry.dev).toBeUndefined();
      if (location === '') continue;
      expect(entry.resolved).toMatch(/^https:\/\/registry\.npmjs\.org\//);
      for (const name of Object.keys((entry.dependencies as Record<string, string> | undefined) ?? {})) {
        expect(lookUp(lock.packages, location, name), `${location} → ${name}`).not.toBeNull();
      }
    }
  });
});

/** Node's lookup: `<dir>/node_modules/<name>` from the requiring package's directory up to the root. */
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
