// Preloaded with `node --import` by bench/process.ts: when the process exits, appends its own whole-life
// figures (CPU since start, peak RSS) as one JSON line to the file named by AGENTDROP_BENCH_USAGE_FILE.
import { appendFileSync, readFileSync } from 'node:fs';

const file = process.env.AGENTDROP_BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const line = { cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, peakRssKiB: peakRssKiB(usage) };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  });
}

// On Linux, getrusage's maxRSS starts at the parent's peak (the child is forked from the benchmark), so it
// cannot read below it; VmHWM is the peak of this program's own memory since exec.
function peakRssKiB(usage) {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {}
  return usage.maxRSS;
}
