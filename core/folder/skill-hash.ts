import { createHash } from 'node:crypto';

const encoder = new TextEncoder();

/**
 * Content hash of a skill (spec §3.5): SHA-256 over the files sorted by the UTF-8 bytes of their arcname
 * `<skill-dir>/<relpath>`, feeding `UTF-8(arcname) ‖ 0x00 ‖ bytes ‖ 0x00` per file.
 */
export function skillContentHash(skillName: string, files: ReadonlyMap<string, Uint8Array>): string {
  const entries = [...files.entries()].map(([path, bytes]) => ({
    arcname: encoder.encode(`${skillName}/${path}`),
    bytes,
  }));
  entries.sort((a, b) => Buffer.compare(a.arcname, b.arcname));
  const hash = createHash('sha256');
  const zero = new Uint8Array([0]);
  for (const { arcname, bytes } of entries) {
    hash.update(arcname);
    hash.update(zero);
    hash.update(bytes);
    hash.update(zero);
  }
  return hash.digest('hex');
}
