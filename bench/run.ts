import { benchCompile } from './compile.js';
import { benchLambdas } from './lambda.js';
import { benchPipeline } from './pipeline.js';
import { benchPlan } from './plan.js';
import { benchProcess } from './process.js';

/** Runs every benchmark and prints its figures as tables (`npm run bench`, after `npm run build:dist`). */
const started = performance.now();
process.stdout.write(
  'bench/process — the installed CLI as whole processes beside bare Node, medians of 5 (targets: help within 0.15 s CPU of node -e 0; plan of 2,000 skills < 0.8 s CPU as a folder, < 1.2 s as a zip, < 80 MB peak)\n',
);
console.table(benchProcess());
process.stdout.write(
  '\nbench/lambda — the prebuilt Lambda bundles (targets: < 1 MB without source maps, cold import < 150 ms)\n',
);
console.table(benchLambdas());
process.stdout.write('\n');
process.stdout.write(
  'bench/plan — read + plan a synthetic 200-agent team drop (target: 2,000 skills < 2 s, < 300 MB)\n',
);
console.table(await benchPlan());
process.stdout.write(
  '\nbench/compile — runtime build context for the examples and the synthetic team (target < 1 s)\n',
);
await benchCompile();
process.stdout.write(
  '\nbench/pipeline — local deploys with zero emulator delays (targets: ≤ 30 transitions, unchanged redeploy < 1 s compute); team deploys by both runtime artifacts side by side (artifactBytes: build context or code package zip)\n',
);
await benchPipeline();
process.stdout.write(`benchmarks done in ${Math.round(performance.now() - started)} ms\n`);
