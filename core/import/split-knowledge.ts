/** An agent's prompt body and its knowledge files, recovered from a final instruction. */
export interface SplitInstruction {
  readonly body: string;
  /** Agent-relative path → file text (as inlined: LF line endings, no trailing LF). */
  readonly files: ReadonlyMap<string, string>;
}

const Heading = '\n\n# Reference material\n';

/**
 * Splits a final instruction (spec §3.7: body, then `# Reference material` and one fenced block per inlined
 * file) back into the body and the files `inlined` names, in order. Null when the instruction is not exactly
 * that shape (re-rendering the parts must give it back), so nothing is guessed.
 */
export function splitKnowledge(instruction: string, inlined: readonly string[]): SplitInstruction | null {
  if (inlined.length === 0) return { body: instruction, files: new Map() };
  // The body may quote the heading itself: try each occurrence, last first.
  let at = instruction.lastIndexOf(Heading);
  while (at >= 0) {
    const files = parseBlocks(instruction, at + Heading.length, inlined);
    const body = instruction.slice(0, at);
    if (files !== null && render(body, files) === instruction) return { body, files };
    at = at === 0 ? -1 : instruction.lastIndexOf(Heading, at - 1);
  }
  return null;
}

function parseBlocks(text: string, start: number, paths: readonly string[]): Map<string, string> | null {
  const files = new Map<string, string>();
  let at = start;
  for (const path of paths) {
    const open = `\n## ${path}\n\n`;
    if (!text.startsWith(open, at)) return null;
    at += open.length;
    const fence = /^`{3,}/.exec(text.slice(at))?.[0];
    if (fence === undefined || text[at + fence.length] !== '\n') return null;
    at += fence.length + 1;
    // The content holds no backtick run as long as the fence, so the first closing fence ends it.
    const close = text.indexOf(`\n${fence}\n`, at);
    if (close < 0) return null;
    files.set(path, text.slice(at, close));
    at = close + fence.length + 2;
  }
  return at === text.length ? files : null;
}

function render(body: string, files: ReadonlyMap<string, string>): string {
  const blocks = [...files].map(([path, content]) => {
    const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(Math.max(3, longestRun + 1));
    return `\n## ${path}\n\n${fence}\n${content}\n${fence}\n`;
  });
  return `${body}${Heading}${blocks.join('')}`;
}
