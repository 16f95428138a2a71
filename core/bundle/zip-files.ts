import { deflateSync, type Zippable, zipSync } from 'fflate';
import { compareCodePoints } from '../diagnostics/index.js';

/**
 * Fixed timestamp for every entry so the same files always zip to the same bytes. fflate encodes DOS
 * time from local-time fields, so the date is built from local fields too: identical in every time zone.
 */
const FixedMtime = new Date(1980, 0, 1, 12, 0, 0);

/**
 * Files that deflate better than this are stored instead, staying clear of the 100:1 bomb rule (spec §2).
 * The check uses fast level-1 deflate; level 6 compresses at most a little better, well inside the 2× margin.
 */
const MaxDeflateRatio = 50;

/**
 * Zips files deterministically: entries sorted by path (code points), fixed timestamps and
 * permissions, deflate level 6 (stored when a file would deflate past 50:1, so the drop passes the
 * zip-bomb check). The same map always yields byte-identical output.
 */
export function zipFiles(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  for (const path of [...files.keys()].sort(compareCodePoints)) {
    const bytes = files.get(path)!;
    const level = bytes.byteLength > MaxDeflateRatio * deflateSync(bytes, { level: 1 }).byteLength ? 0 : 6;
    entries[path] = [bytes, { level, mtime: FixedMtime, os: 3, attrs: 0o100644 << 16 }];
  }
  return zipSync(entries);
}
