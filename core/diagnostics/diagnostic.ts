import type { DiagnosticCode } from './codes.js';

export const DiagnosticLevel = { Error: 'error', Warning: 'warning', Info: 'info' } as const;
export type DiagnosticLevel = (typeof DiagnosticLevel)[keyof typeof DiagnosticLevel];

/**
 * One finding about a drop (spec §9.1). `where` is an archive path (`bundle.*`), `agent:<name>`,
 * `skill:<name>`, `mcp:<agent>/<server>`, `secret:<NAME>` or `project`.
 */
export interface Diagnostic {
  readonly level: DiagnosticLevel;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly where: string;
}

const levelRank: Record<DiagnosticLevel, number> = { error: 0, warning: 1, info: 2 };

/** Orders diagnostics as the plan does: level (error, warning, info), then where, code, message (code points). */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      levelRank[a.level] - levelRank[b.level] ||
      compareCodePoints(a.where, b.where) ||
      compareCodePoints(a.code, b.code) ||
      compareCodePoints(a.message, b.message),
  );
}

/** Compares strings by Unicode code point (≡ UTF-8 byte order), not JavaScript's UTF-16 order (spec §9.3). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done === y.done ? 0 : x.done ? -1 : 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx - cy;
  }
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.level === 'error');
}
