import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../core/plan/index.js';

describe('canonicalJson', () => {
  it('returns the spec §9.3 test vector', () => {
    const text = canonicalJson({ b: [1, 'é\n', true], a: null, '\uff61': 'x', '\ud83d\ude00': 'y' });
    expect(text).toBe('{"a":null,"b":[1,"é\\n",true],"｡":"x","😀":"y"}');
    expect(createHash('sha256').update(text, 'utf8').digest('hex')).toBe(
      '5d98a8dea5f8c4b047f6462f8b92c439b040638465a3532cf8791ed00c4f686a',
    );
  });

  it('rejects numbers that are not safe integers', () => {
    expect(() => canonicalJson({ a: 1.5 })).toThrow(TypeError);
  });
});
