import { describe, expect, it } from 'vitest';
import { splitKnowledge } from '../../../../core/import/index.js';

const Heading = '\n\n# Reference material\n';

describe('splitKnowledge', () => {
  describe('when the body quotes the heading and a file holds a fence and the heading', () => {
    it('returns the body and each file as inlined', () => {
      const body = `Read the part after${Heading}in your notes.`;
      const content = `Use \`\`\`\` fences.${Heading}Not a heading of ours.`;
      const instruction = `${body}${Heading}\n## knowledge/a.md\n\n\`\`\`\`\`\n${content}\n\`\`\`\`\`\n\n## knowledge/b.txt\n\n\`\`\`\n\n\`\`\`\n`;
      expect(splitKnowledge(instruction, ['knowledge/a.md', 'knowledge/b.txt'])).toEqual({
        body,
        files: new Map([
          ['knowledge/a.md', content],
          ['knowledge/b.txt', ''],
        ]),
      });
    });
  });

  describe('when nothing was inlined', () => {
    it('returns the whole instruction as the body', () => {
      expect(splitKnowledge(`Hi.${Heading}`, [])).toEqual({ body: `Hi.${Heading}`, files: new Map() });
    });
  });

  describe('when the instruction is not a body and the named blocks', () => {
    it.each([
      ['another file', `Hi.${Heading}\n## knowledge/b.md\n\n\`\`\`\nB\n\`\`\`\n`],
      ['text after the blocks', `Hi.${Heading}\n## knowledge/a.md\n\n\`\`\`\nA\n\`\`\`\nmore`],
      ['no heading', 'Hi.'],
      ['the heading first', `${Heading}\n## knowledge/a.md\n\n\`\`\`\nA\n\`\`\`\n`.slice(0, -1)],
    ])('returns null (%s)', (_case, instruction) => {
      expect(splitKnowledge(instruction, ['knowledge/a.md'])).toBeNull();
    });
  });
});
