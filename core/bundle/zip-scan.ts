import { type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import { findPathConflicts } from './path-conflicts.js';
import type { BundleLimits } from './types.js';
import type { ZipArchive } from './zip-archive.js';
import { checkZipEntry, type ZipTreeEntry } from './zip-entry-check.js';
import { type CentralDirectory, centralDirectoryRecords } from './zip-records.js';

/** The central directory after the pre-decompression checks. */
export interface ZipScan {
  readonly entries: readonly ZipTreeEntry[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Reads and checks the whole central directory before anything is decompressed (spec §2): the entry
 * count first (so a huge directory is never walked), then every entry, the declared total size, and
 * duplicates and path conflicts across entries. A broken central directory is `bundle.corrupt`.
 */
export function scanZipEntries(
  archive: ZipArchive,
  directory: CentralDirectory,
  limits: BundleLimits,
): ZipScan {
  if (directory.entryCount > limits.maxEntries) {
    const message =
      `the archive has ${directory.entryCount} entries (directories count); ` +
      `the limit is ${limits.maxEntries} entries`;
    return { entries: [], diagnostics: [makeDiagnostic('bundle.too_many_entries', 'project', message)] };
  }

  const entries: ZipTreeEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  let declaredTotal = 0;
  try {
    for (const entry of centralDirectoryRecords(archive, directory)) {
      const checked = checkZipEntry(entry, limits);
      diagnostics.push(...checked.diagnostics);
      if (checked.treeEntry !== undefined) entries.push(checked.treeEntry);
      declaredTotal += entry.uncompressedSize;
    }
  } catch (error) {
    diagnostics.push(centralDirectoryError(error));
    return { entries, diagnostics };
  }

  if (declaredTotal > limits.maxTotalBytes) {
    const message =
      `the archive declares ${declaredTotal} bytes uncompressed in total; ` +
      `the limit is ${limits.maxTotalBytes} bytes`;
    diagnostics.push(makeDiagnostic('bundle.too_large', 'project', message));
  }
  diagnostics.push(...findPathConflicts(entries));
  return { entries, diagnostics };
}

function centralDirectoryError(error: unknown): Diagnostic {
  const reason = error instanceof Error ? error.message : String(error);
  // Strongly encrypted entries (flag bit 6) are refused while reading the central directory.
  if (reason.includes('strong encryption')) {
    return makeDiagnostic(
      'bundle.encrypted',
      'project',
      `the archive uses strong encryption (${reason}); encryption is not allowed`,
    );
  }
  return makeDiagnostic('bundle.corrupt', 'project', `the central directory cannot be read: ${reason}`);
}
