import { type Diagnostic, type DiagnosticCode, makeDiagnostic } from '../diagnostics/index.js';
import { unsafePathReason } from './entry-path.js';
import { entryWhere, nameBytesWhere } from './entry-where.js';
import type { TreeEntry } from './tree-entry.js';
import type { BundleLimits } from './types.js';
import type { ZipEntryRecord } from './zip-records.js';

/** A central-directory entry whose name is safe, with the `where` its diagnostics use. */
export interface ZipTreeEntry extends TreeEntry {
  readonly entry: ZipEntryRecord;
  readonly where: string;
}

const FileTypeMask = 0o170000;
const FileType = {
  Fifo: 0o010000,
  CharacterDevice: 0o020000,
  Directory: 0o040000,
  BlockDevice: 0o060000,
  Symlink: 0o120000,
  Socket: 0o140000,
} as const;
const SpecialFileTypes: ReadonlyMap<number, string> = new Map([
  [FileType.Fifo, 'a FIFO'],
  [FileType.CharacterDevice, 'a character device'],
  [FileType.BlockDevice, 'a block device'],
  [FileType.Socket, 'a socket'],
]);
const EncryptedFlag = 0x0001;
const AesExtraFieldId = 0x9901;
const Stored = 0;
const Deflated = 8;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Checks one central-directory entry before anything is decompressed (spec §2): name encoding and
 * safety, symlinks and special files, encryption, compression method, declared size and ratio.
 * Returns the entry for the tree when its name is usable, and every violation found.
 */
export function checkZipEntry(
  entry: ZipEntryRecord,
  limits: BundleLimits,
): { treeEntry?: ZipTreeEntry; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const raw = entry.fileNameRaw;
  let name: string | undefined;
  try {
    name = utf8.decode(raw);
  } catch {
    name = undefined;
  }
  const where = name === undefined ? nameBytesWhere(raw) : entryWhere(name);
  const label = `entry "${where}"`;
  const add = (code: DiagnosticCode, message: string): void => {
    diagnostics.push(makeDiagnostic(code, where, `${label} ${message}`));
  };

  const type = (entry.externalFileAttributes >>> 16) & FileTypeMask;
  let treeEntry: ZipTreeEntry | undefined;
  if (name === undefined) {
    add(
      'bundle.name_encoding',
      `has a name that is not valid UTF-8 (bytes ${where.slice(4)}); names must be UTF-8`,
    );
  } else {
    const reason = unsafePathReason(name);
    if (reason !== undefined) {
      add('bundle.unsafe_path', `has an unsafe path: ${reason}; only plain relative paths are allowed`);
    } else {
      const isDirectory = name.endsWith('/') || type === FileType.Directory;
      const path = (name.endsWith('/') ? name.slice(0, -1) : name).normalize('NFC');
      treeEntry = { entry, where, path, isDirectory };
    }
  }

  if (type === FileType.Symlink) {
    add('bundle.symlink', 'is a symbolic link (Unix mode 0o120000); links are not allowed');
  }
  const special = SpecialFileTypes.get(type);
  if (special !== undefined) {
    add(
      'bundle.special_file',
      `is ${special} (Unix mode 0o${type.toString(8)}); only files and directories are allowed`,
    );
  }
  const aes = entry.extraFieldIds.includes(AesExtraFieldId);
  if ((entry.generalPurposeBitFlag & EncryptedFlag) !== 0 || aes) {
    add(
      'bundle.encrypted',
      `is encrypted (${aes ? 'AES extra field 0x9901' : 'general purpose flag bit 0'}); encryption is not allowed`,
    );
  }
  if (entry.compressionMethod !== Stored && entry.compressionMethod !== Deflated) {
    add(
      'bundle.unsupported_compression',
      `uses compression method ${entry.compressionMethod}; only 0 (stored) and 8 (deflate) are supported`,
    );
  }
  if (entry.uncompressedSize > limits.maxEntryBytes) {
    add(
      'bundle.entry_too_large',
      `declares ${entry.uncompressedSize} bytes uncompressed; the limit is ${limits.maxEntryBytes} bytes`,
    );
  }
  const ratio = declaredRatio(entry);
  if (ratio > limits.maxCompressionRatio) {
    add(
      'bundle.compression_ratio',
      `declares a compression ratio of ${formatRatio(ratio)} (${entry.uncompressedSize} of ${entry.compressedSize} bytes); ` +
        `the limit is ${limits.maxCompressionRatio}:1 — store such a file uncompressed`,
    );
  }
  return treeEntry === undefined ? { diagnostics } : { treeEntry, diagnostics };
}

/** Uncompressed ÷ compressed; an empty entry counts as 1 (spec §2). */
function declaredRatio(entry: ZipEntryRecord): number {
  if (entry.uncompressedSize === 0) return 1;
  if (entry.compressedSize === 0) return Number.POSITIVE_INFINITY;
  return entry.uncompressedSize / entry.compressedSize;
}

function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${Number(ratio.toFixed(1))}:1` : 'infinite';
}
