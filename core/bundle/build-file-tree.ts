import { compareCodePoints, type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import { type FileSource, OnDemandFiles } from './on-demand-files.js';
import { isOsMetadata } from './os-metadata.js';
import type { TreeEntry } from './tree-entry.js';
import type { FileTree } from './types.js';
import { wrapperPrefix } from './unwrap-root.js';

/**
 * A drop's checked content: file bytes by NFC path (or, read on demand, their sources), and its explicit
 * directories.
 */
export type ScannedContent =
  | { readonly files: ReadonlyMap<string, Uint8Array>; readonly directories: readonly string[] }
  | { readonly sources: ReadonlyMap<string, FileSource>; readonly directories: readonly string[] };

/**
 * Turns checked content into the FileTree (spec §1.2): OS metadata is dropped with one info
 * `bundle.ignored_entries`, a lone wrapper directory is unwrapped once, and files and empty
 * directories are listed in code-point order. Sources give a tree of {@link OnDemandFiles}.
 */
export function buildFileTree(content: ScannedContent): { tree: FileTree; diagnostics: Diagnostic[] } {
  const scanned: ReadonlyMap<string, Uint8Array | FileSource> =
    'files' in content ? content.files : content.sources;
  const kept: TreeEntry[] = [];
  let ignored = 0;
  for (const path of scanned.keys()) {
    if (isOsMetadata(path, false)) ignored += 1;
    else kept.push({ path, isDirectory: false });
  }
  for (const path of content.directories) {
    if (isOsMetadata(path, true)) ignored += 1;
    else kept.push({ path, isDirectory: true });
  }

  const diagnostics: Diagnostic[] = [];
  if (ignored > 0) {
    diagnostics.push(
      makeDiagnostic(
        'bundle.ignored_entries',
        'project',
        `ignored ${ignored} OS metadata ${ignored === 1 ? 'entry' : 'entries'} (__MACOSX/, .DS_Store, Thumbs.db)`,
      ),
    );
  }

  const prefix = wrapperPrefix(kept) ?? '';
  const paths = kept
    .filter((entry) => !entry.isDirectory)
    .map((entry) => entry.path)
    .sort(compareCodePoints);
  const unwrapped = new Map<string, Uint8Array | FileSource>();
  for (const path of paths) unwrapped.set(path.slice(prefix.length), scanned.get(path)!);
  const files =
    'files' in content
      ? (unwrapped as Map<string, Uint8Array>)
      : new OnDemandFiles(unwrapped as Map<string, FileSource>);
  const directories = kept
    .filter((entry) => entry.isDirectory && `${entry.path}/` !== prefix)
    .map((entry) => entry.path.slice(prefix.length));
  const emptyDirectories = emptyOnes(directories, files.keys());
  return { tree: emptyDirectories.length > 0 ? { files, emptyDirectories } : { files }, diagnostics };
}

/** The directories with no file and no other directory below them, in code-point order. */
function emptyOnes(directories: readonly string[], files: Iterable<string>): string[] {
  const implied = new Set<string>();
  for (const path of [...directories, ...files]) {
    for (let cut = path.indexOf('/'); cut !== -1; cut = path.indexOf('/', cut + 1)) {
      implied.add(path.slice(0, cut));
    }
  }
  return directories.filter((dir) => !implied.has(dir)).sort(compareCodePoints);
}
