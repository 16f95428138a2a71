import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What agentdrop needs from its own package.json. */
export interface PackageManifest {
  readonly name: string;
  readonly version: string;
}

/**
 * The folder holding agentdrop's package.json: the repository root when run from source, the installed
 * package when run from `dist/` (one level deeper), found by walking up from this module.
 */
export function packageRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'bin', 'agentdrop.js'))) return dir;
    if (dirname(dir) === dir) throw new Error(`agentdrop's package.json is not above ${import.meta.url}`);
  }
}

/** agentdrop's name and version, as published. */
export function packageManifest(): PackageManifest {
  return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as PackageManifest;
}
