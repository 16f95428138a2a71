import type { Diagnostic } from '../diagnostics/index.js';

/**
 * A drop's files after the safety scan: paths relative to the project root (NFC, `/`-separated), in
 * code-point order, bytes as stored in the archive.
 */
export interface FileTree {
  readonly files: ReadonlyMap<string, Uint8Array>;
  /**
   * Folders the drop holds with nothing below them (same path form, no trailing `/`, code-point order), so
   * an empty folder still counts: `.managed-agents/` holding only folders is a team with no agents. Folders
   * that files or other folders imply are not listed, so directory entries never change a tree otherwise.
   * @default none
   */
  readonly emptyDirectories?: readonly string[];
}

/** Outcome of reading a drop: a tree, or only the `bundle.*` errors that stopped it (spec §2). */
export type BundleResult =
  | { readonly ok: true; readonly tree: FileTree; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** The safety limits of spec §2; tests and benchmarks may lower them. */
export interface BundleLimits {
  /** Largest archive object and largest total uncompressed size. @default 104_857_600 (100 MiB) */
  readonly maxTotalBytes: number;
  /** Most entries, directories included. @default 20_000 */
  readonly maxEntries: number;
  /** Largest uncompressed entry. @default 10_485_760 (10 MiB) */
  readonly maxEntryBytes: number;
  /** Largest uncompressed ÷ compressed ratio of one entry (empty entries count as 1). @default 100 */
  readonly maxCompressionRatio: number;
}

export const DefaultBundleLimits: BundleLimits = {
  maxTotalBytes: 100 * 1024 * 1024,
  maxEntries: 20_000,
  maxEntryBytes: 10 * 1024 * 1024,
  maxCompressionRatio: 100,
};

/** How a reader keeps the files it checked. */
export interface ReadOptions {
  /**
   * Keep no file's bytes: the tree's `files` is an `OnDemandFiles` map that reads (or inflates) a file
   * again each time it is asked for, so memory does not grow with the drop.
   * @default false (every file's bytes held in a Map)
   */
  readonly onDemand?: boolean;
}
