import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { bundleRuntimeAgent } from '../infra/bundle-runtime-agent.js';

/**
 * `npm run runtime-agent -- [--record] [<file>]`: bundles the runtime agent (infra/bundle-runtime-agent.ts) and
 * writes it to `<file>`; `--record` stores its SHA-256 and size in core/runtime-template/runtime-agent-bundle.json,
 * which every code plan's specHash covers. Record on purpose (a template or dependency change), never to make a
 * test pass.
 */
const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const bytes = await bundleRuntimeAgent();
const sha256 = createHash('sha256').update(bytes).digest('hex');
const out = args.find((arg) => !arg.startsWith('--'));
if (out !== undefined) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
}
if (args.includes('--record')) {
  const record = { file: 'agent.mjs', sha256, bytes: bytes.byteLength };
  writeFileSync(
    `${root}core/runtime-template/runtime-agent-bundle.json`,
    `${JSON.stringify(record, null, 2)}\n`,
  );
}
process.stdout.write(`runtime agent: ${bytes.byteLength} bytes, sha256 ${sha256}\n`);
