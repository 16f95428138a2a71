import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
// Not the bundle index: it would load the ZIP reader and writer (fflate) for a folder drop too.
import { readDirectoryBundle } from '../core/bundle/read-directory-bundle.js';
import type { BundleResult, ReadOptions } from '../core/bundle/types.js';
import { parseManifest } from '../core/folder/manifest.js';
import { UsageError } from './usage-error.js';

/** A drop read from the command line, with the project name it suggests. */
export interface LoadedDrop {
  readonly bundle: BundleResult;
  /**
   * The CLI's default project name: `project` of its agentdrop.yaml when set, else the folder name or the
   * archive name without `.zip` (spec §1.1).
   */
  readonly defaultProject: string;
  readonly path: string;
  readonly kind: 'directory' | 'zip';
}

/**
 * Reads a directory or a ZIP file given on the command line through the bundle safety scan. The ZIP reader
 * is loaded only for a ZIP. `onDemand` keeps no file's bytes (see {@link ReadOptions}): for commands that
 * only plan, so memory does not grow with the drop.
 */
export async function loadDrop(path: string, cwd: string, options: ReadOptions = {}): Promise<LoadedDrop> {
  const absolute = resolve(cwd, path);
  const info = await stat(absolute).catch(() => null);
  if (!info) throw new UsageError(`no such file or directory: ${path}`);
  if (info.isDirectory()) {
    const bundle = await readDirectoryBundle(absolute, undefined, options);
    return {
      bundle,
      defaultProject: manifestProject(bundle) ?? basename(absolute),
      path: absolute,
      kind: 'directory',
    };
  }
  if (!info.isFile()) throw new UsageError(`not a directory or a .zip file: ${path}`);
  const { readZipFile } = await import('../core/bundle/read-zip-bundle.js');
  // Read at offsets: the archive itself is never held in memory.
  const bundle = readZipFile(absolute, undefined, options);
  return {
    bundle,
    defaultProject: manifestProject(bundle) ?? basename(absolute).replace(/\.zip$/i, ''),
    path: absolute,
    kind: 'zip',
  };
}

/** The `project` an agentdrop.yaml at the drop's root names, when it names a valid one. */
function manifestProject(bundle: BundleResult): string | undefined {
  if (!bundle.ok) return undefined;
  return parseManifest(bundle.tree.files.get('agentdrop.yaml')).manifest.project;
}
