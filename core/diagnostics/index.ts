export { DiagnosticCatalogue, type DiagnosticCode, SkippableCodes } from './codes.js';
export {
  compareCodePoints,
  type Diagnostic,
  DiagnosticLevel,
  hasErrors,
  sortDiagnostics,
} from './diagnostic.js';
export { makeDiagnostic } from './make-diagnostic.js';
