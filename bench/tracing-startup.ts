import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../cli/main.js';
import { median } from './median.js';

/** Start-up of one runtime agent process: medians over runs. */
export interface TracingStartupFigure {
  readonly tracing: boolean;
  readonly runs: number;
  /** Spawn to the first answered GET /ping. */
  readonly readyMs: number;
  /** Resident memory (VmRSS) once ready, in MiB. */
  readonly rssMiB: number;
}

const RepoRoot = join(import.meta.dirname, '..');
const Runs = 11;

/**
 * What tracing adds to a runtime agent's start-up (issue 16; target < 300 ms and < 30 MB): `examples/team`
 * compiled with `agentdrop build`, its agent.mjs started with and without the signed X-Ray export a deployed
 * runtime gets (`AGENT_OBSERVABILITY_ENABLED`, `AWS_ENDPOINT_URL_XRAY` at a sink that accepts everything),
 * alternating, timed from spawn to the first answered `/ping`.
 * Run: `npx tsx bench/tracing-startup.ts`.
 */
export async function benchTracingStartup(): Promise<TracingStartupFigure[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'agentdrop-bench-tracing-'));
  const collector = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{}'));
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  try {
    const context = join(scratch, 'context');
    const code = await main(['build', join(RepoRoot, 'examples/team'), '--out', context], {
      stdout: () => undefined,
      stderr: (text) => process.stderr.write(text),
      isTty: false,
      env: { NO_COLOR: '1' },
      cwd: RepoRoot,
    });
    if (code !== 0) throw new Error(`agentdrop build failed (${code})`);
    symlinkSync(join(RepoRoot, 'node_modules'), join(context, 'node_modules'));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const samples: Record<'off' | 'on', { readyMs: number; rssMiB: number }[]> = { off: [], on: [] };
    for (let run = 0; run < Runs; run += 1) {
      samples.off.push(await startOnce(context, 18_500 + run * 2, {}));
      samples.on.push(
        // What a deployed runtime gets: the X-Ray switch, with the endpoint override pointing at the sink.
        await startOnce(context, 18_501 + run * 2, {
          AGENT_OBSERVABILITY_ENABLED: 'true',
          AWS_ENDPOINT_URL_XRAY: endpoint,
          AWS_ACCESS_KEY_ID: 'bench',
          AWS_SECRET_ACCESS_KEY: 'bench',
        }),
      );
    }
    return (['off', 'on'] as const).map((key) => ({
      tracing: key === 'on',
      runs: Runs,
      readyMs: tenths(median(samples[key].map((s) => s.readyMs))),
      rssMiB: tenths(median(samples[key].map((s) => s.rssMiB))),
    }));
  } finally {
    collector.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Starts agent.mjs once, waits for /ping, reads its RSS, stops it. */
async function startOnce(
  context: string,
  port: number,
  env: Record<string, string>,
): Promise<{ readyMs: number; rssMiB: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['agent.mjs'], {
    cwd: context,
    stdio: ['ignore', 'pipe', 'ignore'],
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      AGENTDROP_MODEL_PROVIDER: 'openai',
      AGENTDROP_MODEL_BASE_URL: 'http://127.0.0.1:9/v1',
      AGENTDROP_MODEL_API_KEY: 'bench',
      AWS_REGION: 'us-west-2',
      ...env,
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`agent.mjs exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/ping`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const readyMs = performance.now() - started;
    // The agent logs `runtime started` with whether it traces: the run measured what it claims to.
    const tracing = env.AGENT_OBSERVABILITY_ENABLED === 'true';
    if (!output.includes(`"tracing":${tracing}`)) throw new Error(`expected tracing ${tracing}: ${output}`);
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const rssKiB = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
    return { readyMs, rssMiB: rssKiB / 1024 };
  } finally {
    child.kill();
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

function tenths(value: number): number {
  return Math.round(value * 10) / 10;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const figure of await benchTracingStartup()) console.log(JSON.stringify(figure));
}
