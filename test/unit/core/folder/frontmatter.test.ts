import { describe, expect, it } from 'vitest';
import { splitFrontmatter } from '../../../../core/folder/frontmatter.js';

const fence = /^---[ \t]*$/;

/** The split by definition: the text's lines, line 1 a fence, the next fence line closing. */
function reference(text: string): unknown {
  const lines = text.split('\n');
  if (!fence.test(lines[0] ?? '')) return { kind: 'none', body: text };
  const close = lines.findIndex((line, index) => index > 0 && fence.test(line));
  if (close < 0) return { kind: 'unterminated' };
  return { kind: 'block', yaml: lines.slice(1, close).join('\n'), body: lines.slice(close + 1).join('\n') };
}

describe('splitFrontmatter', () => {
  const texts = [
    '',
    'no frontmatter\n---\n',
    '---',
    '---\n',
    '---\n---',
    '---\n---\n',
    '---\nname: a\n---\nbody\nmore\n',
    '--- \nname: a\n---\t\nbody',
    '---\nname: a\n--- x\nstill yaml\n---\n\nbody',
    '---\nname: a\nunterminated\n',
    '----\nname: a\n---\n',
  ];

  it('splits every text as its lines do', () => {
    for (const text of texts) expect(splitFrontmatter(text), JSON.stringify(text)).toEqual(reference(text));
  });
});
