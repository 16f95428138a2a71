import { fromBuffer, type ZipFile } from 'yauzl';
import { type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';

/**
 * Opens an in-memory archive with yauzl, names left undecoded so the reader can check their bytes
 * (spec §2) and entry sizes unchecked so size lies are reported as `bundle.size_mismatch`. A missing
 * or multi-disk end-of-central-directory record is `bundle.not_zip`; a broken one `bundle.corrupt`.
 */
export function openZip(archive: Buffer): Promise<{ zipfile: ZipFile } | { diagnostic: Diagnostic }> {
  return new Promise((resolve) => {
    fromBuffer(
      archive,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: false, strictFileNames: false },
      (error, zipfile) => {
        if (error === null) resolve({ zipfile });
        else resolve({ diagnostic: openError(error, archive.byteLength) });
      },
    );
  });
}

const NotZipReasons = [
  'End of central directory record signature not found',
  'multi-disk',
  'Invalid comment length',
];

function openError(error: Error, archiveBytes: number): Diagnostic {
  if (NotZipReasons.some((reason) => error.message.includes(reason))) {
    return makeDiagnostic(
      'bundle.not_zip',
      'project',
      `the archive (${archiveBytes} bytes) is not a readable single-disk ZIP: ${error.message}`,
    );
  }
  return makeDiagnostic('bundle.corrupt', 'project', `the archive cannot be opened: ${error.message}`);
}
