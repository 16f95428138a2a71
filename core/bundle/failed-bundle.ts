import { type Diagnostic, sortDiagnostics } from '../diagnostics/index.js';
import type { BundleResult } from './types.js';

/** Most diagnostics a failed bundle reports (spec §2: every bad entry SHOULD be reported, up to 100). */
const MaxReportedEntries = 100;

/** A failed read: the diagnostics in plan order, capped at {@link MaxReportedEntries}. */
export function failedBundle(diagnostics: readonly Diagnostic[]): BundleResult {
  return { ok: false, diagnostics: sortDiagnostics(diagnostics).slice(0, MaxReportedEntries) };
}
