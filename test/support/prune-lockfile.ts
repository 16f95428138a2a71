import { compareCodePoints } from '../../core/diagnostics/index.js';

type LockEntry = Record<string, unknown>;

/** The root of the pruned lock: the runtime's package.json fields that npm ci compares. */
export interface RuntimePackage {
  readonly name: string;
  readonly version: string;
  readonly dependencies: Readonly<Record<string, string>>;
}

/**
 * Generates the runtime template's `package-lock.json` (core/runtime-template/files/) from agentdrop's own,
 * so the image installs exactly what agentdrop's tests ran. Test tooling: the template test compares its
 * output with the committed file (and rewrites it under `vitest -u`).
 *
 * Prunes agentdrop's own `package-lock.json` (v2/v3 `packages` map) to the runtime's dependency closure:
 * the packages reachable from `dependencies` through `dependencies`, `optionalDependencies` and
 * non-optional `peerDependencies`, resolved with Node's lookup (nearest `node_modules` upwards), at the
 * same tree positions. `dev` markers are dropped (everything kept is a production dependency) and the root
 * entry becomes the runtime package. The result is valid for `npm ci` of the runtime's package.json.
 *
 * @throws Error when the lockfile has no `packages` map or lacks a dependency at the pinned version.
 */
export function pruneLockfile(packageLock: unknown, runtime: RuntimePackage): Record<string, unknown> {
  const { name: packageName, version: packageVersion, dependencies } = runtime;
  const packages = isRecord(packageLock) && isRecord(packageLock.packages) ? packageLock.packages : null;
  if (packages === null)
    throw new Error('The package lock has no packages map (lockfile v2 or v3 expected).');
  const kept = new Map<string, LockEntry>();
  const queue: string[] = [];
  for (const [name, version] of Object.entries(dependencies)) {
    const location = resolve(packages, '', name);
    const entry = location === null ? undefined : packages[location];
    if (location === null || !isRecord(entry) || entry.version !== version) {
      throw new Error(`The package lock does not hold ${name}@${version}.`);
    }
    queue.push(location);
  }
  while (queue.length > 0) {
    const location = queue.shift()!;
    if (kept.has(location)) continue;
    const entry = packages[location];
    if (!isRecord(entry)) continue;
    kept.set(location, entry);
    for (const name of requiredNames(entry)) {
      const found = resolve(packages, location, name.name);
      if (found !== null) queue.push(found);
      else if (!name.optional)
        throw new Error(`The package lock cannot resolve ${name.name} for ${location}.`);
    }
  }
  const out: Record<string, unknown> = {
    '': { name: packageName, version: packageVersion, dependencies: { ...dependencies } },
  };
  for (const location of [...kept.keys()].sort(compareCodePoints)) {
    const { dev: _dev, devOptional, ...rest } = kept.get(location)!;
    const entry = devOptional === true ? { ...rest, optional: true } : rest;
    out[location] = typeof entry.resolved === 'string' ? entry : { ...withResolved(location, entry) };
  }
  return {
    name: packageName,
    version: packageVersion,
    lockfileVersion: 3,
    requires: true,
    packages: out,
  };
}

/**
 * Adds the public registry's tarball URL when the lock omits it (npm's `omit-lockfile-registry-resolved`),
 * so `npm ci` fetches tarballs directly (npm swaps the host for a configured registry) and can install
 * from its cache offline. Entries without a version or integrity (links) are left as they are.
 */
function withResolved(location: string, entry: LockEntry): LockEntry {
  if (typeof entry.version !== 'string' || typeof entry.integrity !== 'string' || entry.link === true)
    return entry;
  const cut = location.lastIndexOf('node_modules/');
  const name = typeof entry.name === 'string' ? entry.name : location.slice(cut + 'node_modules/'.length);
  const base = name.includes('/') ? name.slice(name.indexOf('/') + 1) : name;
  const { version, ...rest } = entry;
  return { version, resolved: `https://registry.npmjs.org/${name}/-/${base}-${version}.tgz`, ...rest };
}

function requiredNames(entry: LockEntry): { name: string; optional: boolean }[] {
  const names: { name: string; optional: boolean }[] = [];
  const add = (field: unknown, optional: (name: string) => boolean): void => {
    if (!isRecord(field)) return;
    for (const name of Object.keys(field)) names.push({ name, optional: optional(name) });
  };
  add(entry.dependencies, () => false);
  add(entry.optionalDependencies, () => true);
  const meta = isRecord(entry.peerDependenciesMeta) ? entry.peerDependenciesMeta : {};
  add(entry.peerDependencies, (name) => {
    const m = meta[name];
    return isRecord(m) && m.optional === true;
  });
  // Optional peers are only installed when something else needs them: leave them out.
  return names.filter((n) => {
    const m = meta[n.name];
    return !(
      isRecord(entry.peerDependencies) &&
      n.name in entry.peerDependencies &&
      isRecord(m) &&
      m.optional === true
    );
  });
}

/** Node's lookup: `<dir>/node_modules/<name>` from the requiring package's directory up to the root. */
function resolve(packages: Record<string, unknown>, from: string, name: string): string | null {
  let dir = from;
  for (;;) {
    const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (isRecord(packages[candidate])) return candidate;
    if (dir === '') return null;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut < 0 ? '' : dir.slice(0, cut);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
