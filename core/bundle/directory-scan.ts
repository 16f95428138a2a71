import { closeSync, constants, lstatSync, openSync, readdirSync, readSync, type Stats } from 'node:fs';
import { type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import { unsafePathReason } from './entry-path.js';
import { entryWhere, nameBytesWhere } from './entry-where.js';
import type { ByteSink, FileSource } from './on-demand-files.js';
import { findPathConflicts } from './path-conflicts.js';
import type { TreeEntry } from './tree-entry.js';
import type { BundleLimits } from './types.js';

/**
 * A directory drop after the safety checks: file bytes by NFC path (or, on demand, sources that read them
 * again), explicit directories, violations.
 */
export type DirectoryScan = (
  | { readonly files: Map<string, Uint8Array> }
  | { readonly sources: Map<string, FileSource> }
) & {
  readonly directories: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
};

interface FoundFile {
  readonly path: string;
  readonly where: string;
  readonly fullPath: Buffer;
  readonly size: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const Slash = Buffer.from('/');
// O_NOFOLLOW: a file swapped for a symlink after the walk is refused instead of followed.
const ReadFlags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/**
 * Walks a directory drop with the archive rules of spec §2 and §1.2.3: names must be UTF-8 and safe,
 * symlinks (`bundle.symlink`, never followed) and devices, FIFOs or sockets (`bundle.special_file`)
 * are refused, and the entry, file-size and total-size limits apply. Files are read only when the
 * walk found no error, each stopping one byte past its walked size (`bundle.size_mismatch`).
 * File-system calls are synchronous: for thousands of small files that is several times faster than
 * going through the thread pool, and only the CLI reads directory drops.
 *
 * `onDemand` checks each file's size by reading it through one small buffer and keeps only a source that
 * reads it again when asked (refusing a file that changed size since), so no file's bytes are held.
 */
export function scanDirectory(root: string, limits: BundleLimits, onDemand = false): DirectoryScan {
  const walk = new DirectoryWalk(limits);
  walk.visit(Buffer.from(root), '', Buffer.alloc(0));
  const diagnostics = [...walk.diagnostics];
  const failed = (): DirectoryScan => ({ files: new Map(), directories: [], diagnostics });
  if (walk.entryCount > limits.maxEntries) return failed();
  if (walk.totalBytes > limits.maxTotalBytes) {
    const message = `the directory holds ${walk.totalBytes} bytes in total; the limit is ${limits.maxTotalBytes} bytes`;
    diagnostics.push(makeDiagnostic('bundle.too_large', 'project', message));
  }
  diagnostics.push(...findPathConflicts(walk.entries));
  if (diagnostics.length > 0) return failed();

  const files = new Map<string, Uint8Array>();
  const sources = new Map<string, FileSource>();
  const scratch = onDemand ? SharedScratch : undefined;
  for (const file of walk.files) {
    const read = scratch
      ? countWithin(file.fullPath, file.size, scratch)
      : readWithin(file.fullPath, file.size);
    if (typeof read === 'number') {
      diagnostics.push(makeDiagnostic('bundle.size_mismatch', file.where, sizeMismatch(file, read)));
    } else if (read === true) {
      sources.set(file.path, fileSource(file));
    } else {
      files.set(file.path, read);
    }
  }
  const directories = walk.entries.filter((entry) => entry.isDirectory).map((entry) => entry.path);
  return scratch ? { sources, directories, diagnostics } : { files, directories, diagnostics };
}

/** Bytes read at a time when a file is only checked or hashed: one buffer for every on-demand file. */
const SharedScratch = Buffer.allocUnsafe(64 * 1024);

function sizeMismatch(file: FoundFile, read: number): string {
  return (
    `entry "${file.where}" has ${read > file.size ? `more than ${file.size}` : read} bytes ` +
    `but was ${file.size} bytes when the directory was scanned`
  );
}

/** A checked file read again on demand; a file that changed size since the scan is an error. */
function fileSource(file: FoundFile): FileSource {
  return {
    size: file.size,
    read: () => {
      const read = readWithin(file.fullPath, file.size);
      if (typeof read === 'number') throw new Error(`bundle.size_mismatch: ${sizeMismatch(file, read)}`);
      return read;
    },
    hashInto: (hash) => {
      const read = countWithin(file.fullPath, file.size, SharedScratch, hash);
      if (read !== true) throw new Error(`bundle.size_mismatch: ${sizeMismatch(file, read)}`);
    },
  };
}

class DirectoryWalk {
  readonly diagnostics: Diagnostic[] = [];
  readonly entries: TreeEntry[] = [];
  readonly files: FoundFile[] = [];
  entryCount = 0;
  totalBytes = 0;

  constructor(private readonly limits: BundleLimits) {}

  visit(dir: Buffer, relative: string, relativeBytes: Buffer): void {
    const names = readdirSync(dir, { encoding: 'buffer' });
    const children: { name: Buffer; fullPath: Buffer; relativeBytes: Buffer }[] = [];
    for (const name of names) {
      this.entryCount += 1;
      if (this.entryCount > this.limits.maxEntries) {
        if (this.entryCount === this.limits.maxEntries + 1) {
          const message =
            `the directory has more than ${this.limits.maxEntries} entries (directories count); ` +
            `the limit is ${this.limits.maxEntries} entries`;
          this.diagnostics.push(makeDiagnostic('bundle.too_many_entries', 'project', message));
        }
        return;
      }
      const childBytes = relativeBytes.length === 0 ? name : Buffer.concat([relativeBytes, Slash, name]);
      children.push({ name, fullPath: Buffer.concat([dir, Slash, name]), relativeBytes: childBytes });
    }
    for (const child of children) {
      const stats = lstatSync(child.fullPath);
      const next = this.classify(child.fullPath, relative, child.name, child.relativeBytes, stats);
      if (next !== undefined) this.visit(child.fullPath, next, child.relativeBytes);
    }
  }

  /** Records one directory entry; returns its relative path when the walk should descend into it. */
  private classify(
    fullPath: Buffer,
    parent: string,
    nameBytes: Buffer,
    relativeBytes: Buffer,
    stats: Stats,
  ): string | undefined {
    let name: string;
    try {
      name = utf8.decode(nameBytes);
    } catch {
      const where = nameBytesWhere(relativeBytes);
      const message = `entry "${where}" has a name that is not valid UTF-8 (bytes ${where.slice(4)}); names must be UTF-8`;
      this.diagnostics.push(makeDiagnostic('bundle.name_encoding', where, message));
      return undefined;
    }
    const raw = parent === '' ? name : `${parent}/${name}`;
    const where = entryWhere(raw);
    const label = `entry "${where}"`;
    const reason = unsafePathReason(raw);
    if (reason !== undefined) {
      const message = `${label} has an unsafe path: ${reason}; only plain relative paths are allowed`;
      this.diagnostics.push(makeDiagnostic('bundle.unsafe_path', where, message));
      return undefined;
    }
    const path = raw.normalize('NFC');
    if (stats.isSymbolicLink()) {
      const message = `${label} is a symbolic link; links are not allowed`;
      this.diagnostics.push(makeDiagnostic('bundle.symlink', where, message));
      return undefined;
    }
    if (stats.isDirectory()) {
      this.entries.push({ path, isDirectory: true });
      return raw;
    }
    if (!stats.isFile()) {
      const message = `${label} is ${specialKind(stats)}; only files and directories are allowed`;
      this.diagnostics.push(makeDiagnostic('bundle.special_file', where, message));
      return undefined;
    }
    this.entries.push({ path, isDirectory: false });
    this.totalBytes += stats.size;
    if (stats.size > this.limits.maxEntryBytes) {
      const message = `${label} is ${stats.size} bytes; the limit is ${this.limits.maxEntryBytes} bytes`;
      this.diagnostics.push(makeDiagnostic('bundle.entry_too_large', where, message));
      return undefined;
    }
    this.files.push({ path, where, fullPath, size: stats.size });
    return undefined;
  }
}

function specialKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/**
 * Reads a file through `scratch`, keeping nothing (feeding each chunk to `sink` when given); `true` when it
 * has `size` bytes, else the count read. A hash fed a file that then fails the check must be discarded.
 */
function countWithin(fullPath: Buffer, size: number, scratch: Buffer, sink?: ByteSink): true | number {
  const fd = openSync(fullPath, ReadFlags);
  try {
    let read = 0;
    while (read <= size) {
      const bytesRead = readSync(fd, scratch, 0, Math.min(scratch.byteLength, size + 1 - read), read);
      if (bytesRead === 0) break;
      read += bytesRead;
      if (sink !== undefined && read <= size) sink.update(scratch.subarray(0, bytesRead));
    }
    return read === size ? true : read;
  } finally {
    closeSync(fd);
  }
}

/** Reads a file, refusing to read more than one byte past `size`; returns the count read on a mismatch. */
function readWithin(fullPath: Buffer, size: number): Uint8Array | number {
  const fd = openSync(fullPath, ReadFlags);
  try {
    const buffer = Buffer.allocUnsafe(size + 1);
    let read = 0;
    while (read <= size) {
      const bytesRead = readSync(fd, buffer, read, size + 1 - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return read === size ? new Uint8Array(buffer.buffer, buffer.byteOffset, size) : read;
  } finally {
    closeSync(fd);
  }
}
