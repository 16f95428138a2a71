import { createHash } from 'node:crypto';
import type { ByteSink } from '../bundle/on-demand-files.js';
import { compareCodePoints } from '../diagnostics/index.js';

const Zero = new Uint8Array([0]);

/**
 * The content hash of a set of files (spec §3.5): hex SHA-256 over the files sorted by the UTF-8 bytes of their
 * path, feeding `UTF-8(path) ‖ 0x00 ‖ bytes ‖ 0x00` per file.
 */
export function filesContentHash(files: Iterable<readonly [path: string, bytes: Uint8Array]>): string {
  const bytesByPath = new Map(files);
  return hashFiles([...bytesByPath.keys()], (path, hash) => hash.update(bytesByPath.get(path)!));
}

/**
 * Content hash of a skill (spec §3.5): {@link filesContentHash} of its files named `<skill-dir>/<relpath>`.
 * Given relative paths and a feeder, each file is fed to the hash when its turn comes and not kept.
 */
export function skillContentHash(skillName: string, files: ReadonlyMap<string, Uint8Array>): string;
export function skillContentHash(
  skillName: string,
  paths: readonly string[],
  feed: (path: string, hash: ByteSink) => void,
): string;
export function skillContentHash(
  skillName: string,
  files: ReadonlyMap<string, Uint8Array> | readonly string[],
  feed?: (path: string, hash: ByteSink) => void,
): string {
  const prefix = `${skillName}/`;
  if (isPathList(files)) {
    return hashFiles(
      files.map((path) => prefix + path),
      (path, hash) => feed!(path.slice(prefix.length), hash),
    );
  }
  return hashFiles(
    [...files.keys()].map((path) => prefix + path),
    (path, hash) => hash.update(files.get(path.slice(prefix.length))!),
  );
}

function isPathList(files: ReadonlyMap<string, Uint8Array> | readonly string[]): files is readonly string[] {
  return Array.isArray(files);
}

/** Code-point order of strings is the UTF-8 byte order of their encodings, so no path is encoded to sort. */
function hashFiles(paths: readonly string[], feed: (path: string, hash: ByteSink) => void): string {
  const hash = createHash('sha256');
  for (const path of [...paths].sort(compareCodePoints)) {
    hash.update(path, 'utf8');
    hash.update(Zero);
    feed(path, hash);
    hash.update(Zero);
  }
  return hash.digest('hex');
}
