/** An agent or skill file split into its frontmatter block and body (spec §3.3 step 2). */
export type SplitFrontmatter =
  | { readonly kind: 'none'; readonly body: string }
  | { readonly kind: 'block'; readonly yaml: string; readonly body: string }
  | { readonly kind: 'unterminated' };

const fenceLine = /^---[ \t]*$/;

/**
 * Splits normalised text (LF line ends) at `---` fences: line 1 opens, the next such line closes. Walks the
 * lines by index rather than splitting the whole file: a skill's body can be long.
 */
export function splitFrontmatter(text: string): SplitFrontmatter {
  const firstEnd = lineEnd(text, 0);
  if (!fenceLine.test(text.slice(0, firstEnd))) return { kind: 'none', body: text };
  for (let start = firstEnd + 1; start <= text.length; ) {
    const end = lineEnd(text, start);
    if (fenceLine.test(text.slice(start, end))) {
      return { kind: 'block', yaml: text.slice(firstEnd + 1, start - 1), body: text.slice(end + 1) };
    }
    start = end + 1;
  }
  return { kind: 'unterminated' };
}

function lineEnd(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end < 0 ? text.length : end;
}
