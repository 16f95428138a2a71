import { type Zippable, zipSync } from 'fflate';
import { compareCodePoints } from '../diagnostics/index.js';

/**
 * Fixed timestamp for every entry so the same files always zip to the same bytes. fflate encodes DOS
 * time from local-time fields, so the date is built from local fields too: identical in every time zone.
 */
const FixedMtime = new Date(1980, 0, 1, 12, 0, 0);

/**
 * Zips files deterministically: entries sorted by path (code points), fixed timestamps and
 * permissions, deflate level 6. The same map always yields byte-identical output.
 */
export function zipFiles(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  for (const path of [...files.keys()].sort(compareCodePoints)) {
    entries[path] = [files.get(path)!, { level: 6, mtime: FixedMtime, os: 3, attrs: 0o100644 << 16 }];
  }
  return zipSync(entries);
}
