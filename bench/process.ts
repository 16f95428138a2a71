import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { zipFiles } from '../core/bundle/index.js';
import { median } from './median.js';
import { syntheticDrop } from './synthetic-drop.js';

/** Whole-process figures of one command: medians over its runs. */
export interface ProcessBenchFigure {
  readonly command: string;
  readonly runs: number;
  readonly cpuS: number;
  readonly cpuOverBareNodeS: number;
  /** Peak resident memory (VmHWM) in MiB, as the 80 MB target is measured. */
  readonly peakRssMiB: number;
  readonly peakRssOverBareNodeMiB: number;
  readonly wallS: number;
}

const RepoRoot = join(import.meta.dirname, '..');
const Runs = 5;

/**
 * `agentdrop` as installed from the package (the bin and dist/, built by `npm run build:dist`; no tsx), run
 * as whole processes beside a bare `node -e 0`: `--help`, and `plan` of the synthetic 200-agent drop as a
 * folder and as a zip at 500, 1,000 and 2,000 skills (targets at 2,000: help within 0.15 s CPU of bare Node;
 * plan under 0.8 s CPU as a folder, 1.2 s as a zip, 80 MB peak RSS). Each process reports its own CPU since
 * start and peak RSS at exit (bench/report-usage.mjs); figures are medians of five runs.
 */
export function benchProcess(): ProcessBenchFigure[] {
  const scratch = mkdtempSync(join(tmpdir(), 'agentdrop-bench-'));
  try {
    const bin = installedLayout(join(scratch, 'package'));
    const drops = join(scratch, 'drops');
    const commands: [string, string[]][] = [
      ['node -e 0', ['-e', '0']],
      ['agentdrop --help', [bin, '--help']],
    ];
    for (const skills of [500, 1000, 2000]) {
      const folder = writeSyntheticDrop(join(drops, `synthetic-${skills}`), skills);
      commands.push([`agentdrop plan <${skills} skills, folder>`, [bin, 'plan', folder]]);
      commands.push([`agentdrop plan <${skills} skills, zip>`, [bin, 'plan', `${folder}.zip`]]);
    }
    const figures = commands.map(([command, args]) => measure(command, args, scratch));
    const bare = figures[0];
    return figures.map((figure) => ({
      ...figure,
      cpuOverBareNodeS: round(figure.cpuS - (bare?.cpuS ?? 0), 3),
      peakRssOverBareNodeMiB: round(figure.peakRssMiB - (bare?.peakRssMiB ?? 0), 1),
    }));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The package as npm installs it: bin/, package.json and dist/ (linked), without the sources beside them. */
function installedLayout(dir: string): string {
  mkdirSync(join(dir, 'bin'), { recursive: true });
  copyFileSync(join(RepoRoot, 'bin', 'agentdrop.js'), join(dir, 'bin', 'agentdrop.js'));
  copyFileSync(join(RepoRoot, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(RepoRoot, 'dist'), join(dir, 'dist'), 'dir');
  symlinkSync(join(RepoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return join(dir, 'bin', 'agentdrop.js');
}

function writeSyntheticDrop(folder: string, skills: number): string {
  const files = syntheticDrop({ skills });
  for (const [path, bytes] of files) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), bytes);
  }
  writeFileSync(`${folder}.zip`, zipFiles(files));
  return folder;
}

function measure(command: string, args: readonly string[], scratch: string): ProcessBenchFigure {
  const usageFile = join(scratch, 'usage.jsonl');
  const walls: number[] = [];
  rmSync(usageFile, { force: true });
  // One warm-up run (file cache), then the measured ones.
  for (let run = 0; run <= Runs; run++) {
    const started = performance.now();
    const child = spawnSync(
      process.execPath,
      ['--import', join(import.meta.dirname, 'report-usage.mjs'), ...args],
      {
        cwd: scratch,
        env: { ...process.env, AGENTDROP_BENCH_USAGE_FILE: run === 0 ? '' : usageFile, NO_COLOR: '1' },
        stdio: 'ignore',
      },
    );
    if (run > 0) walls.push(performance.now() - started);
    if (child.status !== 0 && !args.includes('--help')) throw new Error(`${command} exited ${child.status}`);
  }
  const usages = readFileSync(usageFile, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { cpuMs: number; peakRssKiB: number });
  return {
    command,
    runs: usages.length,
    cpuS: round(median(usages.map((u) => u.cpuMs)) / 1000, 3),
    cpuOverBareNodeS: 0,
    peakRssMiB: round(median(usages.map((u) => u.peakRssKiB)) / 1024, 1),
    peakRssOverBareNodeMiB: 0,
    wallS: round(median(walls) / 1000, 3),
  };
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}
