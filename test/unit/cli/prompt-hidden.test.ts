import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { promptHidden } from '../../../cli/prompt-hidden.js';

/** A fake terminal: what is typed goes to `input`; everything shown is collected from `output`. */
function terminal(): { input: PassThrough; output: PassThrough; shown: () => string } {
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk) => {
    shown += String(chunk);
  });
  return { input, output, shown: () => shown };
}

describe('promptHidden', () => {
  describe('when a value is typed and Enter pressed', () => {
    it('returns the value and shows only the question', async () => {
      const tty = terminal();
      const answer = promptHidden('Value of DOCS_TOKEN (not shown): ', tty);
      tty.input.write('canary-typed-secret\r');
      expect(await answer).toBe('canary-typed-secret');
      expect(tty.shown()).toBe('Value of DOCS_TOKEN (not shown): \n');
    });
  });

  describe('when the input ends before Enter', () => {
    it('rejects with PromptCancelled', async () => {
      const tty = terminal();
      const answer = promptHidden('Value: ', tty);
      tty.input.end();
      await expect(answer).rejects.toMatchObject({ name: 'PromptCancelled' });
    });
  });

  describe('when Ctrl-C is pressed', () => {
    it('rejects with PromptCancelled without showing what was typed', async () => {
      const tty = terminal();
      const answer = promptHidden('Value: ', tty);
      tty.input.write('canary-half');
      tty.input.write('\u0003');
      await expect(answer).rejects.toMatchObject({ name: 'PromptCancelled' });
      expect(tty.shown()).not.toContain('canary');
    });
  });
});
