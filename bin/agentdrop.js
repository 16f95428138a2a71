#!/usr/bin/env node
// The agentdrop command. An installed package runs the compiled CLI in dist/; a clone of the repository
// (where cli/main.ts exists) runs the sources through tsx, so `npm ci && npx agentdrop …` needs no build step
// and never runs a stale dist/.
import { existsSync } from 'node:fs';

const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  process.stderr.write(
    `agentdrop needs Node.js 22 or newer; this is ${process.version} (${process.execPath}).\n`,
  );
  process.exit(1);
}

const args = process.argv.slice(2);
// `plan` (the first word that is not an option) runs in a small heap, set before anything else loads: set
// later, the heap has already grown while the CLI's modules loaded (cli/small-heap.ts).
const smallHeap = args.find((arg) => !arg.startsWith('-')) === 'plan';
const source = new URL('../cli/main.ts', import.meta.url);
let main;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  if (smallHeap) (await import(new URL('../cli/small-heap.ts', import.meta.url).href)).keepHeapSmall();
  ({ main } = await import(source.href));
} else {
  if (smallHeap) (await import('../dist/cli/small-heap.js')).keepHeapSmall();
  ({ main } = await import('../dist/cli/main.js'));
}
process.exitCode = await main(args);
