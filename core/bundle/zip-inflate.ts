import { crc32, inflateRawSync } from 'node:zlib';
import { type Diagnostic, type DiagnosticCode, makeDiagnostic } from '../diagnostics/index.js';
import type { FileSource } from './on-demand-files.js';
import type { BundleLimits } from './types.js';
import type { ZipArchive } from './zip-archive.js';
import type { ZipTreeEntry } from './zip-entry-check.js';
import { type LocalHeader, readLocalHeader, type ZipEntryRecord } from './zip-records.js';

/**
 * The inflated files of an archive (or, on demand, sources that inflate them again), and the violations
 * found while inflating.
 */
export type ZipInflation = (
  | { readonly files: Map<string, Uint8Array> }
  | { readonly sources: Map<string, FileSource> }
) & { readonly diagnostics: readonly Diagnostic[] };

const Deflated = 8;
const MinChunkBytes = 64;
const MaxChunkBytes = 1024 * 1024;

/**
 * Decompresses every file entry, enforcing the limits again on the bytes actually produced (spec §2):
 * inflation stops as soon as the output passes the entry's declared size, the entry limit, its
 * compressed size × the ratio limit or the remaining total, so a lying header never costs more memory
 * than the limits. The local header must lie inside the archive with the entry's data after it and match
 * the central directory, and the CRC-32 must match (`bundle.corrupt`); a size differing from the declared
 * one is `bundle.size_mismatch`.
 *
 * `onDemand` keeps no output: each checked entry becomes a source that reads and inflates it again from
 * the archive when asked for.
 */
export function inflateZipEntries(
  archive: ZipArchive,
  entries: readonly ZipTreeEntry[],
  limits: BundleLimits,
  onDemand = false,
): ZipInflation {
  const files = new Map<string, Uint8Array>();
  const sources = new Map<string, FileSource>();
  const diagnostics: Diagnostic[] = [];
  let total = 0;
  for (const treeEntry of entries) {
    if (treeEntry.isDirectory) continue;
    let header: LocalHeader;
    try {
      header = readLocalHeader(archive, treeEntry.entry);
    } catch (error) {
      diagnostics.push(corrupt(treeEntry.where, reasonOf(error)));
      continue;
    }
    const outcome = inflateEntry(archive, header, treeEntry, limits, limits.maxTotalBytes - total);
    if ('diagnostic' in outcome) {
      diagnostics.push(outcome.diagnostic);
      if (outcome.diagnostic.code === 'bundle.too_large') break;
      continue;
    }
    total += outcome.bytes.byteLength;
    if (onDemand) sources.set(treeEntry.path, entrySource(archive, header.fileDataStart, treeEntry));
    else files.set(treeEntry.path, outcome.bytes);
  }
  return onDemand ? { sources, diagnostics } : { files, diagnostics };
}

/**
 * A checked entry, read and inflated again from the archive each time it is asked for; bytes that no
 * longer match the checked size and CRC-32 (the archive file changed since) throw. It keeps only the
 * numbers it needs, not the central-directory record (thousands of them in a large drop).
 */
function entrySource(archive: ZipArchive, start: number, { entry, where }: ZipTreeEntry): FileSource {
  const size = entry.uncompressedSize;
  const compressedSize = entry.compressedSize;
  const expectedCrc = entry.crc32;
  const deflated = entry.compressionMethod === Deflated;
  const bytes = (): Buffer => {
    const data = archive.readLater(start, compressedSize);
    let output: Buffer;
    try {
      output = deflated
        ? inflateRawSync(data, {
            maxOutputLength: size + 1,
            chunkSize: Math.min(Math.max(size + 1, MinChunkBytes), MaxChunkBytes),
          })
        : data;
    } catch (error) {
      throw new Error(`bundle.corrupt: entry "${where}" no longer inflates (${reasonOf(error)})`);
    }
    if (output.byteLength !== size || crc32(output) !== expectedCrc) {
      throw new Error(`bundle.corrupt: entry "${where}" changed since it was checked`);
    }
    return output;
  };
  return {
    size,
    read: () => {
      // A stored entry of an archive in memory is a view of it: copied, so the caller cannot change it.
      const output = deflated ? bytes() : Buffer.from(bytes());
      return new Uint8Array(output.buffer, output.byteOffset, output.byteLength);
    },
    hashInto: (hash) => hash.update(bytes()),
  };
}

type EntryOutcome = { readonly bytes: Uint8Array } | { readonly diagnostic: Diagnostic };

function inflateEntry(
  archive: ZipArchive,
  header: LocalHeader,
  { entry, where }: ZipTreeEntry,
  limits: BundleLimits,
  remainingTotal: number,
): EntryOutcome {
  const mismatch = headerMismatch(entry, header);
  if (mismatch !== undefined) return { diagnostic: corrupt(where, `its local header ${mismatch}`) };

  const caps: readonly OutputCap[] = [
    {
      code: 'bundle.entry_too_large',
      bytes: limits.maxEntryBytes,
      what: `the entry limit of ${limits.maxEntryBytes} bytes`,
    },
    {
      code: 'bundle.too_large',
      bytes: remainingTotal,
      what: `the total limit of ${limits.maxTotalBytes} bytes`,
    },
    {
      code: 'bundle.compression_ratio',
      bytes: entry.compressedSize * limits.maxCompressionRatio,
      what: `${limits.maxCompressionRatio}:1 of its ${entry.compressedSize} compressed bytes`,
    },
    {
      code: 'bundle.size_mismatch',
      bytes: entry.uncompressedSize,
      what: `its declared size of ${entry.uncompressedSize} bytes`,
    },
  ];
  const maxBytes = Math.min(...caps.map((cap) => cap.bytes));
  // readLocalHeader has checked that the data lies inside the archive.
  const data = archive.read(header.fileDataStart, entry.compressedSize);

  let output: Buffer;
  if (entry.compressionMethod === Deflated) {
    try {
      // zlib stops and throws as soon as its output passes maxOutputLength, checked after each output
      // chunk; a chunk sized to the expected output avoids a copy, capped to bound the overshoot.
      const chunkSize = Math.min(Math.max(maxBytes + 1, MinChunkBytes), MaxChunkBytes);
      output = inflateRawSync(data, { maxOutputLength: maxBytes + 1, chunkSize });
    } catch (error) {
      if (isOutputTooLarge(error)) return { diagnostic: overCap(where, caps, maxBytes + 1, false) };
      return { diagnostic: corrupt(where, `its data cannot be inflated (${reasonOf(error)})`) };
    }
  } else if (data.byteLength > maxBytes) {
    return { diagnostic: overCap(where, caps, data.byteLength, true) };
  } else {
    // A copy, so the tree does not keep the whole archive alive or share the caller's bytes.
    output = Buffer.from(data);
  }
  if (output.byteLength > maxBytes) return { diagnostic: overCap(where, caps, output.byteLength, true) };
  if (output.byteLength !== entry.uncompressedSize) {
    const message = `entry "${where}" inflates to ${output.byteLength} bytes but declares ${entry.uncompressedSize} bytes`;
    return { diagnostic: makeDiagnostic('bundle.size_mismatch', where, message) };
  }
  const crc = crc32(output);
  if (crc !== entry.crc32) {
    return {
      diagnostic: corrupt(
        where,
        `its CRC-32 is ${hex32(crc)} but the central directory says ${hex32(entry.crc32)}`,
      ),
    };
  }
  return { bytes: new Uint8Array(output.buffer, output.byteOffset, output.byteLength) };
}

interface OutputCap {
  readonly code: DiagnosticCode;
  readonly bytes: number;
  readonly what: string;
}

/** The first cap (in priority order) that the output passed; `observed` is exact or a lower bound. */
function overCap(where: string, caps: readonly OutputCap[], observed: number, exact: boolean): Diagnostic {
  const cap = caps.find((candidate) => observed > candidate.bytes)!;
  const size = exact ? `${observed} bytes` : `more than ${observed - 1} bytes (inflation stopped)`;
  return makeDiagnostic(cap.code, where, `entry "${where}" inflates to ${size}, past ${cap.what}`);
}

function corrupt(where: string, reason: string): Diagnostic {
  return makeDiagnostic('bundle.corrupt', where, `entry "${where}" is corrupt: ${reason}`);
}

/** What differs between the local header and the central directory, if anything that matters. */
function headerMismatch(entry: ZipEntryRecord, header: LocalHeader): string | undefined {
  if (!header.fileName.equals(entry.fileNameRaw)) return 'names a different file';
  if (header.compressionMethod !== entry.compressionMethod) {
    return `says compression method ${header.compressionMethod}, the central directory ${entry.compressionMethod}`;
  }
  if ((header.generalPurposeBitFlag & 1) !== (entry.generalPurposeBitFlag & 1)) {
    return 'disagrees with the central directory about encryption';
  }
  return undefined;
}

function isOutputTooLarge(error: unknown): boolean {
  return error instanceof RangeError && (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function hex32(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}
