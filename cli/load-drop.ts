import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
// Not the bundle index: it would load the ZIP reader and writer (fflate) for a folder drop too.
import { readDirectoryBundle } from '../core/bundle/read-directory-bundle.js';
import type { BundleResult, ReadOptions } from '../core/bundle/types.js';
import { UsageError } from './usage-error.js';

/** A drop read from the command line, with the project name its path suggests. */
export interface LoadedDrop {
  readonly bundle: BundleResult;
  /** Folder name, or the archive name without `.zip` (spec §1.1: the CLI's default project name). */
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
    return {
      bundle: await readDirectoryBundle(absolute, undefined, options),
      defaultProject: basename(absolute),
      path: absolute,
      kind: 'directory',
    };
  }
  if (!info.isFile()) throw new UsageError(`not a directory or a .zip file: ${path}`);
  const { readZipFile } = await import('../core/bundle/read-zip-bundle.js');
  return {
    // Read at offsets: the archive itself is never held in memory.
    bundle: readZipFile(absolute, undefined, options),
    defaultProject: basename(absolute).replace(/\.zip$/i, ''),
    path: absolute,
    kind: 'zip',
  };
}
