import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { HandlerImportEnvironment } from '../test/support/handler-import-environment.js';

/** One Lambda bundle of the package (dist/lambda/<name>/index.mjs). */
export interface LambdaBenchFigure {
  readonly function: string;
  readonly bundleKiB: number;
  readonly zippedKiB: number;
  readonly coldImportMs: number;
}

const LambdaDir = join(import.meta.dirname, '..', 'dist', 'lambda');
const Runs = 5;

/**
 * Size of each prebuilt Lambda bundle, raw and deflated as in the deployment zip (target: under 1 MB, no
 * source map), and its cold import time: `import()` of the bundle in a fresh Node 22 process, median of five
 * (target: under 150 ms).
 */
export function benchLambdas(): LambdaBenchFigure[] {
  return readdirSync(LambdaDir)
    .sort()
    .map((name) => {
      const file = join(LambdaDir, name, 'index.mjs');
      const bytes = readFileSync(file);
      const imports = Array.from({ length: Runs }, () => coldImportMs(file));
      return {
        function: name,
        bundleKiB: Math.round(bytes.byteLength / 1024),
        zippedKiB: Math.round(deflateRawSync(bytes, { level: 9 }).byteLength / 1024),
        coldImportMs: imports.sort((a, b) => a - b)[Math.floor(Runs / 2)] ?? 0,
      };
    });
}

function coldImportMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ...HandlerImportEnvironment },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`importing ${file} failed: ${child.stderr}`);
  return Math.round(Number(child.stdout));
}
