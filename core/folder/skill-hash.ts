import { createHash } from 'node:crypto';

const encoder = new TextEncoder();

/**
 * The content hash of a set of files (spec §3.5): hex SHA-256 over the files sorted by the UTF-8 bytes of their
 * path, feeding `UTF-8(path) ‖ 0x00 ‖ bytes ‖ 0x00` per file.
 */
export function filesContentHash(files: Iterable<readonly [path: string, bytes: Uint8Array]>): string {
  const entries = [...files].map(([path, bytes]) => ({ path: encoder.encode(path), bytes }));
  entries.sort((a, b) => Buffer.compare(a.path, b.path));
  const hash = createHash('sha256');
  const zero = new Uint8Array([0]);
  for (const { path, bytes } of entries) {
    hash.update(path);
    hash.update(zero);
    hash.update(bytes);
    hash.update(zero);
  }
  return hash.digest('hex');
}

/** Content hash of a skill (spec §3.5): {@link filesContentHash} of its files named `<skill-dir>/<relpath>`. */
export function skillContentHash(skillName: string, files: ReadonlyMap<string, Uint8Array>): string {
  return filesContentHash([...files].map(([path, bytes]) => [`${skillName}/${path}`, bytes] as const));
}
