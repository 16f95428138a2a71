export { DiagnosticCatalogue, type DiagnosticCode } from './codes.js';
export {
  compareCodePoints,
  type Diagnostic,
  DiagnosticLevel,
  hasErrors,
  sortDiagnostics,
} from './diagnostic.js';
export { makeDiagnostic } from './make-diagnostic.js';
