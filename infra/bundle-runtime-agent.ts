import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';
import { repositoryRoot } from './pipeline-function.js';

/**
 * How the runtime agent is bundled for AgentCore direct code deployment (agentcore-api.md §11): the template's
 * `agent.mjs` and every npm package it imports as one minified ESM file for Node 22, no native module, nothing
 * left to install. The same inputs always give the same bytes (no paths, no legal comments, fixed options), so the
 * bundle is content-addressed: its SHA-256 is recorded in `core/runtime-template/runtime-agent-bundle.json` and
 * hashed into every code plan's specHash.
 */
export const RuntimeAgentBundling = {
  entry: 'core/runtime-template/files/agent.mjs',
  target: 'node22',
  // Bundled CommonJS parts (fastify's plugins) still `require` Node built-ins at run time.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
} as const;

/**
 * Bundles the runtime agent from the repository's template and `node_modules` (a clone only: the installed
 * package ships the bundle its build made). esbuild is a development dependency, loaded on demand.
 */
export async function bundleRuntimeAgent(): Promise<Uint8Array> {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: repositoryRoot,
    entryPoints: [`${repositoryRoot}${RuntimeAgentBundling.entry}`],
    bundle: true,
    write: false,
    outfile: 'agent.mjs',
    platform: 'node',
    format: 'esm',
    target: RuntimeAgentBundling.target,
    minify: true,
    legalComments: 'none',
    banner: { js: RuntimeAgentBundling.banner },
    plugins: [bundleLocalRequires],
    logLevel: 'error',
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error('esbuild wrote no runtime agent bundle.');
  return output.contents;
}

/**
 * `bedrock-agentcore` loads `@fastify/sse` and `@fastify/websocket` through a module-local `createRequire`, which
 * esbuild cannot follow: the bundle would look for them in a `node_modules` a code package does not have. Dropping
 * that local binding turns them into plain `require` calls, which esbuild bundles.
 */
const bundleLocalRequires: Plugin = {
  name: 'bundle-local-requires',
  setup(build) {
    const localRequire = /^const require = createRequire\(import\.meta\.url\);$/m;
    build.onLoad({ filter: /[\\/]bedrock-agentcore[\\/]dist[\\/].*\.js$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(localRequire, ''),
      loader: 'js',
    }));
  },
};
