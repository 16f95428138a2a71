/** An agent or skill file split into its frontmatter block and body (spec §3.3 step 2). */
export type SplitFrontmatter =
  | { readonly kind: 'none'; readonly body: string }
  | { readonly kind: 'block'; readonly yaml: string; readonly body: string }
  | { readonly kind: 'unterminated' };

const fenceLine = /^---[ \t]*$/;

/** Splits normalised text (LF line ends) at `---` fences: line 1 opens, the next such line closes. */
export function splitFrontmatter(text: string): SplitFrontmatter {
  const lines = text.split('\n');
  if (!fenceLine.test(lines[0] ?? '')) return { kind: 'none', body: text };
  const close = lines.findIndex((line, index) => index > 0 && fenceLine.test(line));
  if (close < 0) return { kind: 'unterminated' };
  return { kind: 'block', yaml: lines.slice(1, close).join('\n'), body: lines.slice(close + 1).join('\n') };
}
