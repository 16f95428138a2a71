import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuntimeAgentBundle } from '../../core/runtime-template/index.js';
import { bundleRuntimeAgent } from '../../infra/bundle-runtime-agent.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Where the package build puts the bundle: `dist/runtime-agent/agent.mjs` (this file is `dist/local/runtime-agent/`). */
const shipped = join(here, '../../runtime-agent', RuntimeAgentBundle.file);
/** A clone's cache, keyed by the recorded hash: built once, reused by every local run until the hash changes. */
const cached = join(here, '../../.agentdrop/cache/runtime-agent', `${RuntimeAgentBundle.sha256}.mjs`);

let loading: Promise<Uint8Array> | undefined;

/**
 * The pre-bundled runtime agent for the local cloud's Plan function: the one the installed package ships, else (a
 * clone, which has no build step) bundled on demand and cached under `.agentdrop/cache/runtime-agent/`. A bundle
 * whose hash is not the recorded one is refused, naming the command that records it.
 */
export function localRuntimeAgent(): Promise<Uint8Array> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(): Promise<Uint8Array> {
  for (const path of [shipped, cached]) {
    if (existsSync(path)) return checked(new Uint8Array(await readFile(path)));
  }
  const bytes = checked(await bundleRuntimeAgent());
  await mkdir(dirname(cached), { recursive: true });
  // Written aside and renamed: a concurrent reader never sees half a bundle.
  const partial = `${cached}.${process.pid}.tmp`;
  await writeFile(partial, bytes);
  await rename(partial, cached);
  return bytes;
}

function checked(bytes: Uint8Array): Uint8Array {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== RuntimeAgentBundle.sha256) {
    throw new Error(
      `The runtime agent bundle (sha256 ${sha256}) is not the recorded one (${RuntimeAgentBundle.sha256}): the template or its dependencies changed; run npm run runtime-agent -- --record.`,
    );
  }
  return bytes;
}
