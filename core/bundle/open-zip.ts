import { type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import type { ZipArchive } from './zip-archive.js';
import { type CentralDirectory, locateCentralDirectory, NotZipError } from './zip-records.js';

/**
 * Locates an archive's central directory. A missing or multi-disk end-of-central-directory record is
 * `bundle.not_zip`; a broken one (a bad ZIP64 record, say) `bundle.corrupt`.
 */
export function openZip(archive: ZipArchive): { directory: CentralDirectory } | { diagnostic: Diagnostic } {
  try {
    return { directory: locateCentralDirectory(archive) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof NotZipError) {
      return {
        diagnostic: makeDiagnostic(
          'bundle.not_zip',
          'project',
          `the archive (${archive.byteLength} bytes) is not a readable single-disk ZIP: ${reason}`,
        ),
      };
    }
    return {
      diagnostic: makeDiagnostic('bundle.corrupt', 'project', `the archive cannot be opened: ${reason}`),
    };
  }
}
