import { hasErrors, makeDiagnostic } from '../diagnostics/index.js';
import { bufferStream } from './buffer-stream.js';
import { buildFileTree } from './build-file-tree.js';
import { failedBundle } from './failed-bundle.js';
import type { OnDemandFiles } from './on-demand-files.js';
import { openZip } from './open-zip.js';
import { resolveLimits } from './resolve-limits.js';
import type { BundleLimits, BundleResult, ReadOptions } from './types.js';
import { bufferArchive, fileArchive, type ZipArchive } from './zip-archive.js';
import { inflateZipEntries } from './zip-inflate.js';
import { scanZipEntries } from './zip-scan.js';

/**
 * Reads a ZIP drop (bytes or a stream) into a FileTree, enforcing every safety limit of spec §2: the
 * archive size, then the whole central directory before any decompression, then the sizes and CRCs
 * of the bytes actually inflated. Then OS metadata is dropped and a wrapper directory unwrapped (§1.2).
 * A stream is buffered, stopping once it passes `maxTotalBytes`.
 *
 * A bad drop never throws: it resolves to `{ ok: false }` with every `bundle.*` error found (up to 100,
 * sorted). Only a programming error (such as a non-positive limit) throws.
 *
 * With `onDemand`, the tree's files are {@link OnDemandFiles}: every entry is inflated and checked, but
 * only the archive is kept and an entry is inflated again when asked for.
 */
export async function readZipBundle(
  source: Uint8Array | NodeJS.ReadableStream,
  limits?: Partial<BundleLimits>,
  options: ReadOptions = {},
): Promise<BundleResult> {
  const resolved = resolveLimits(limits);
  let archive: Buffer;
  if (source instanceof Uint8Array) {
    archive = Buffer.from(source.buffer, source.byteOffset, source.byteLength);
  } else {
    const buffered = await bufferStream(source, resolved.maxTotalBytes);
    if (buffered.kind === 'too_large') return archiveTooLarge(`at least ${buffered.observedBytes}`, resolved);
    archive = buffered.bytes;
  }
  return readArchive(bufferArchive(archive), resolved, options);
}

/**
 * Reads a ZIP file the same way as {@link readZipBundle}, at offsets: the archive is never held, only
 * its central directory while it is checked, and each entry's data while it is inflated. With `onDemand`
 * the tree keeps only offsets, sizes and CRCs, and reads an entry from the file again when asked for
 * (throwing when the file has changed since). Throws the file-system error when the file cannot be read.
 */
export function readZipFile(
  path: string,
  limits?: Partial<BundleLimits>,
  options: ReadOptions = {},
): BundleResult {
  const resolved = resolveLimits(limits);
  return readArchive(fileArchive(path), resolved, options);
}

function readArchive(archive: ZipArchive, limits: BundleLimits, options: ReadOptions): BundleResult {
  try {
    if (archive.byteLength > limits.maxTotalBytes) return archiveTooLarge(String(archive.byteLength), limits);
    const opened = openZip(archive);
    if ('diagnostic' in opened) return failedBundle([opened.diagnostic]);
    const scan = scanZipEntries(archive, opened.directory, limits);
    if (hasErrors(scan.diagnostics)) return failedBundle(scan.diagnostics);
    const inflation = inflateZipEntries(archive, scan.entries, limits, options.onDemand ?? false);
    if (hasErrors(inflation.diagnostics)) return failedBundle(inflation.diagnostics);
    const directories = scan.entries.filter((entry) => entry.isDirectory).map((entry) => entry.path);
    const { tree, diagnostics } = buildFileTree({ ...inflation, directories });
    return { ok: true, tree, diagnostics };
  } finally {
    archive.close();
  }
}

function archiveTooLarge(observed: string, limits: BundleLimits): BundleResult {
  const message = `the archive is ${observed} bytes; the limit is ${limits.maxTotalBytes} bytes`;
  return failedBundle([makeDiagnostic('bundle.too_large', 'project', message)]);
}
