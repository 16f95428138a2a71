import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, globSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { RuntimeAgentBundle } from '../core/runtime-template/index.js';
import { bundleRuntimeAgent } from '../infra/bundle-runtime-agent.js';
import { LambdaBundling, prebuiltBundleDir, RuntimeAgentFile } from '../infra/pipeline-function.js';
import { deflatedJsonPlugin } from './deflated-json-plugin.js';

/**
 * `npm run build:dist` (and `prepack`): compiles the CLI, the local cloud and the CDK construct to `dist/`
 * with type declarations, copies the assets they read at run time beside them (the same relative paths as
 * in the repository), and bundles each Lambda handler into `dist/lambda/<name>/index.mjs` for the construct
 * to deploy as is (the runtime template embedded deflated: see deflated-json-plugin.ts), with the pre-bundled
 * runtime agent beside the Plan function's (and in `dist/runtime-agent/`). `--sourcemap` also writes each
 * bundle's source map, outside the deployed folder.
 */
const root = new URL('..', import.meta.url).pathname;
const dist = `${root}dist/`;
const sourceMaps = process.argv.includes('--sourcemap');

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url)
  .resolve('typescript/package.json')
  .replace(/package\.json$/, 'bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', `${root}tsconfig.build.json`], { stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

// Files read by path at run time (JSON imports are emitted by tsc already).
for (const asset of ['statemachine/*.asl.json', 'buildspecs/*.yml', 'local/**/*.json', 'schemas/**/*.json']) {
  for (const file of globSync(asset, { cwd: root })) cpSync(`${root}${file}`, `${dist}${file}`);
}
// The `init` templates, dot-folders (`.managed-agents/`) included, which the glob above would skip.
cpSync(`${root}templates`, `${dist}templates`, { recursive: true });

// The pre-bundled runtime agent of code packages: beside the Plan function's bundle (where its config reads it)
// and under dist/runtime-agent/ for the local cloud of the installed package.
const runtimeAgent = await bundleRuntimeAgent();
const runtimeAgentHash = createHash('sha256').update(runtimeAgent).digest('hex');
if (runtimeAgentHash !== RuntimeAgentBundle.sha256) {
  throw new Error(
    `The runtime agent bundle is ${runtimeAgentHash}, not the recorded ${RuntimeAgentBundle.sha256}; run npm run runtime-agent -- --record.`,
  );
}
mkdirSync(`${dist}runtime-agent`, { recursive: true });
writeFileSync(`${dist}runtime-agent/${RuntimeAgentBundle.file}`, runtimeAgent);

const handlers = globSync('functions/*/handler.ts', { cwd: root }).sort();
for (const entry of handlers) {
  const outdir = `${dist}${prebuiltBundleDir(entry)}`;
  await build({
    entryPoints: [`${root}${entry}`],
    outfile: `${outdir}/index.mjs`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: LambdaBundling.target,
    mainFields: [...LambdaBundling.mainFields],
    minify: LambdaBundling.minify,
    banner: { js: LambdaBundling.banner },
    plugins: [deflatedJsonPlugin(/core\/runtime-template\/template-files\.json$/)],
    alias: Object.fromEntries(
      Object.entries(LambdaBundling.alias).map(([name, path]) => [name, `${root}${path}`]),
    ),
    logLevel: 'warning',
    ...(sourceMaps ? { sourcemap: 'external', sourceRoot: root } : {}),
  });
  if (sourceMaps) {
    cpSync(`${outdir}/index.mjs.map`, `${dist}lambda-sourcemaps/${entry.split('/')[1]}.mjs.map`);
    rmSync(`${outdir}/index.mjs.map`);
  }
  if (entry === 'functions/plan/handler.ts') writeFileSync(`${outdir}/${RuntimeAgentFile}`, runtimeAgent);
  const kib = Math.round(statSync(`${outdir}/index.mjs`).size / 1024);
  process.stdout.write(`bundled ${entry} → dist/${prebuiltBundleDir(entry)}/index.mjs (${kib} KiB)\n`);
}
