import { createHash } from 'node:crypto';

const encoder = new TextEncoder();

/**
 * Content hash of a runtime template: hex SHA-256 over the files sorted by the UTF-8 bytes of their path,
 * feeding per file `UTF-8(path) ‖ 0x00 ‖ UTF-8(text) ‖ 0x00` (the construction of the skill content hash,
 * spec §3.5). It feeds every runtime plan's specHash (DESIGN §8), so a change to any template byte gives a
 * new image tag and a redeploy.
 */
export function templateHash(files: Readonly<Record<string, string>>): string {
  const entries = Object.entries(files).map(([path, text]) => ({
    path: encoder.encode(path),
    bytes: encoder.encode(text),
  }));
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
