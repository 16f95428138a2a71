import { hasErrors } from '../diagnostics/index.js';
import { buildFileTree } from './build-file-tree.js';
import { scanDirectory } from './directory-scan.js';
import { failedBundle } from './failed-bundle.js';
import type { OnDemandFiles } from './on-demand-files.js';
import { resolveLimits } from './resolve-limits.js';
import type { BundleLimits, BundleResult, ReadOptions } from './types.js';

/**
 * Reads a directory drop into a FileTree with the same rules as an archive (spec §1.2, §2): symlinks
 * and special files are refused, names and sizes are checked before any file is read, then OS metadata
 * is dropped and a wrapper directory unwrapped. The same content as a directory or a ZIP gives the same
 * tree.
 *
 * A bad drop resolves to `{ ok: false }` with every `bundle.*` error found (up to 100, sorted). Rejects
 * with the file-system error when the directory or a file in it cannot be read (a missing or unreadable
 * path is the caller's problem, not a property of the drop), and throws for a non-positive limit.
 *
 * With `onDemand`, the tree's files are {@link OnDemandFiles}: every file is checked, but its bytes are
 * read from disk again only when asked for, so a plan that only hashes most files holds none of them.
 */
export async function readDirectoryBundle(
  dir: string,
  limits?: Partial<BundleLimits>,
  options: ReadOptions = {},
): Promise<BundleResult> {
  const scan = scanDirectory(dir, resolveLimits(limits), options.onDemand ?? false);
  if (hasErrors(scan.diagnostics)) return failedBundle(scan.diagnostics);
  const { tree, diagnostics } = buildFileTree(scan);
  return { ok: true, tree, diagnostics };
}
