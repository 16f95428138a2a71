import { describe, expect, it } from 'vitest';
import { compareCodePoints } from '../../../../core/diagnostics/index.js';

/** Code-point order by definition: the strings as arrays of code points, compared element by element. */
function reference(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0) ?? 0);
  const y = [...b].map((c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return x.length - y.length;
}

describe('compareCodePoints', () => {
  const strings = [
    '',
    'a',
    'ab',
    'b',
    'B',
    'é',
    'ﬀ',
    '\u{FFFF}',
    '😀',
    '😀a',
    '𝄞',
    'a😀',
    'aﬀ',
    'skills/x',
    'skills-x',
  ];

  it('orders every pair as their code points do, astral characters after U+FFFF', () => {
    for (const a of strings) {
      for (const b of strings)
        expect(Math.sign(compareCodePoints(a, b)), `${a} vs ${b}`).toBe(Math.sign(reference(a, b)));
    }
  });
});
