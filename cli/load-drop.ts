import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { type BundleResult, readDirectoryBundle, readZipBundle } from '../core/bundle/index.js';
import { UsageError } from './usage-error.js';

/** A drop read from the command line, with the project name its path suggests. */
export interface LoadedDrop {
  readonly bundle: BundleResult;
  /** Folder name, or the archive name without `.zip` (spec §1.1: the CLI's default project name). */
  readonly defaultProject: string;
  readonly path: string;
  readonly kind: 'directory' | 'zip';
}

/** Reads a directory or a ZIP file given on the command line through the bundle safety scan. */
export async function loadDrop(path: string, cwd: string): Promise<LoadedDrop> {
  const absolute = resolve(cwd, path);
  const info = await stat(absolute).catch(() => null);
  if (!info) throw new UsageError(`no such file or directory: ${path}`);
  if (info.isDirectory()) {
    return {
      bundle: await readDirectoryBundle(absolute),
      defaultProject: basename(absolute),
      path: absolute,
      kind: 'directory',
    };
  }
  if (!info.isFile()) throw new UsageError(`not a directory or a .zip file: ${path}`);
  return {
    bundle: await readZipBundle(createReadStream(absolute)),
    defaultProject: basename(absolute).replace(/\.zip$/i, ''),
    path: absolute,
    kind: 'zip',
  };
}
