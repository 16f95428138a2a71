import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readZipBundle, zipFiles } from '../core/bundle/index.js';
import { planDeploy } from '../core/plan/index.js';
import { syntheticDrop } from './synthetic-drop.js';

/** One measurement of the planner on a synthetic drop. */
export interface PlanBenchFigure {
  readonly skills: number;
  readonly files: number;
  readonly uncompressedMB: number;
  readonly zipMB: number;
  readonly readMs: number;
  readonly planMs: number;
  readonly totalMs: number;
  readonly peakRssMB: number;
  readonly deployable: boolean;
}

/** Measures one size in this process: read the zip through the safety scan, then plan. */
async function measure(skills: number): Promise<PlanBenchFigure> {
  const files = syntheticDrop({ skills });
  const zip = zipFiles(files);
  const uncompressed = [...files.values()].reduce((sum, bytes) => sum + bytes.byteLength, 0);
  const started = performance.now();
  const bundle = await readZipBundle(zip);
  const read = performance.now();
  const plan = planDeploy(bundle, { project: 'synthetic' });
  const done = performance.now();
  return {
    skills,
    files: files.size,
    uncompressedMB: round(uncompressed / 2 ** 20),
    zipMB: round(zip.byteLength / 2 ** 20),
    readMs: round(read - started),
    planMs: round(done - read),
    totalMs: round(done - started),
    peakRssMB: round(process.resourceUsage().maxRSS / 1024),
    deployable: plan.deployable,
  };
}

/**
 * Plan time and peak RSS for 20 / 200 / 2,000 skills on a 200-agent team (target for the largest:
 * under 2 s and 300 MB). Each size runs in a fresh process so peak RSS is its own.
 */
export async function benchPlan(): Promise<PlanBenchFigure[]> {
  const figures: PlanBenchFigure[] = [];
  for (const skills of [20, 200, 2000]) {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), String(skills)],
      {
        encoding: 'utf8',
      },
    );
    if (child.status !== 0) throw new Error(`plan benchmark for ${skills} skills failed: ${child.stderr}`);
    figures.push(JSON.parse(child.stdout) as PlanBenchFigure);
  }
  return figures;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2]) {
  process.stdout.write(JSON.stringify(await measure(Number(process.argv[2]))));
}
