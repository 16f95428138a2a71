import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { HandlerImportEnvironment } from '../test/support/handler-import-environment.js';
import { median } from './median.js';

/** One Lambda bundle of the package (dist/lambda/<name>/index.mjs). */
export interface LambdaBenchFigure {
  readonly function: string;
  readonly bundleKiB: number;
  readonly zippedKiB: number;
  readonly coldImportMs: number;
  /** CPU time of the same import (user + system): steadier than wall time on a busy machine. */
  readonly coldImportCpuMs: number;
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
      const imports = Array.from({ length: Runs }, () => coldImport(file));
      return {
        function: name,
        bundleKiB: Math.round(bytes.byteLength / 1024),
        zippedKiB: Math.round(deflateRawSync(bytes, { level: 9 }).byteLength / 1024),
        coldImportMs: Math.round(median(imports.map((run) => run.wallMs))),
        coldImportCpuMs: Math.round(median(imports.map((run) => run.cpuMs))),
      };
    });
}

function coldImport(file: string): { wallMs: number; cpuMs: number } {
  const script =
    `const t = performance.now(); const c = process.cpuUsage(); await import(${JSON.stringify(file)}); ` +
    'const { user, system } = process.cpuUsage(c); ' +
    'process.stdout.write(JSON.stringify({ wallMs: performance.now() - t, cpuMs: (user + system) / 1000 }));';
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ...HandlerImportEnvironment },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`importing ${file} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as { wallMs: number; cpuMs: number };
}
