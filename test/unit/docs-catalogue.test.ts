import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticCatalogue } from '../../core/diagnostics/index.js';

describe('docs/drop-format.md', () => {
  it('names every diagnostic code of the catalogue', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../docs/drop-format.md'), 'utf8');
    expect(Object.keys(DiagnosticCatalogue).filter((code) => !doc.includes(`\`${code}\``))).toEqual([]);
  });
});
