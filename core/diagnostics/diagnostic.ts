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
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Below the surrogates UTF-16 order is code-point order; a pair (above U+FFFF) sorts after U+E000–U+FFFF.
    if (x < 0xd800 && y < 0xd800) return x - y;
    return (a.codePointAt(i) ?? x) - (b.codePointAt(i) ?? y);
  }
  return a.length - b.length;
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.level === 'error');
}
