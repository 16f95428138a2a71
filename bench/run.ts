import { benchCompile } from './compile.js';
import { benchPipeline } from './pipeline.js';
import { benchPlan } from './plan.js';

/** Runs every benchmark and prints its figures as tables (`npm run bench`). */
const started = performance.now();
process.stdout.write(
  'bench/plan — read + plan a synthetic 200-agent team drop (target: 2,000 skills < 2 s, < 300 MB)\n',
);
console.table(await benchPlan());
process.stdout.write(
  '\nbench/compile — runtime build context for the examples and the synthetic team (target < 1 s)\n',
);
await benchCompile();
process.stdout.write(
  '\nbench/pipeline — local deploys with zero emulator delays (targets: ≤ 30 transitions, unchanged redeploy < 1 s compute)\n',
);
await benchPipeline();
process.stdout.write(`benchmarks done in ${Math.round(performance.now() - started)} ms\n`);
