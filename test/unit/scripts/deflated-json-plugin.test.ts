import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { deflatedJsonPlugin } from '../../../scripts/deflated-json-plugin.js';

const root = join(import.meta.dirname, '../../..');
const templateJson = join(root, 'core/runtime-template/template-files.json');
const scratch = mkdtempSync(join(tmpdir(), 'agentdrop-deflated-json-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('deflatedJsonPlugin', () => {
  it('bundles the runtime template as the same object, in far fewer bytes than the JSON', async () => {
    const entry = join(scratch, 'entry.ts');
    writeFileSync(
      entry,
      `import files from ${JSON.stringify(templateJson)} with { type: 'json' };\nexport default files;\n`,
    );
    const outfile = join(scratch, 'out.mjs');
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      minify: true,
      logLevel: 'silent',
      plugins: [deflatedJsonPlugin(/template-files\.json$/)],
    });
    const bundled = (await import(pathToFileURL(outfile).href)) as { default: unknown };
    expect(bundled.default).toEqual(JSON.parse(readFileSync(templateJson, 'utf8')));
    expect(readFileSync(outfile).byteLength).toBeLessThan(readFileSync(templateJson).byteLength / 2);
  });
});
