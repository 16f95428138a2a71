import { DiagnosticCatalogue, type DiagnosticCode } from './codes.js';
import type { Diagnostic, DiagnosticLevel } from './diagnostic.js';

/** Builds a diagnostic at the catalogue's level for its code, unless a level is given (spec §10). */
export function makeDiagnostic(
  code: DiagnosticCode,
  where: string,
  message: string,
  level: DiagnosticLevel = DiagnosticCatalogue[code],
): Diagnostic {
  return { level, code, message, where };
}
