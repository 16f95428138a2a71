import { readFile } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';
import type { Plugin } from 'esbuild';

/**
 * An esbuild plugin for the package's Lambda bundles: JSON files matching `filter` are embedded deflated
 * (base64) and inflated once at import, the same object as a plain JSON import. For large embedded text
 * such as the runtime template (core/runtime-template/template-files.json: 150 KiB, most of it the
 * runtime's package-lock.json), which would otherwise be a seventh of the Plan bundle; inflating it costs
 * about a millisecond of the cold start.
 */
export function deflatedJsonPlugin(filter: RegExp): Plugin {
  return {
    name: 'deflated-json',
    setup(build) {
      build.onLoad({ filter }, async ({ path }) => {
        const packed = deflateRawSync(await readFile(path), { level: 9 }).toString('base64');
        return {
          loader: 'js',
          contents:
            "import { inflateRawSync } from 'node:zlib';\n" +
            `export default JSON.parse(inflateRawSync(Buffer.from(${JSON.stringify(packed)}, 'base64')).toString('utf8'));\n`,
        };
      });
    },
  };
}
