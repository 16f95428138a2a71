import { setFlagsFromString } from 'node:v8';

/**
 * Tunes V8 for a short run that allocates in bulk, trading a little CPU for resident memory (issue 12: `plan`
 * of 2,000 skills under 80 MB; on the bench drop −35 MB peak RSS from the first flag, −3 to −8 MB more from the
 * second for about 0.06 s CPU, −8 MB and −0.1 s CPU from the third; see bench/NOTES.md):
 * - `--semi-space-growth-factor=1` keeps the young generation at its initial size. By default V8 doubles it
 *   after scavenges that keep much alive, up to two 16 MiB semi-spaces (Node 22, 64-bit), and a plan of a
 *   large drop keeps enough alive (paths, the tree index, the plan) to grow it all the way.
 * - `--optimize-for-size` makes the heap prefer collecting over growing.
 * - `--no-opt` leaves functions to the baseline tiers: TurboFan's compile jobs cost about 8 MB of peak
 *   (their zones, on background threads) and, on a run this short, more CPU than the optimized code saves.
 * All are read whenever V8 decides, so setting them at run time takes effect. bin/agentdrop.js sets them
 * for `plan` before anything else loads (set once the command's modules have loaded: 5 MB more). They are
 * process-wide: only for commands that run to completion and exit, never for servers.
 */
export function keepHeapSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--optimize-for-size');
  setFlagsFromString('--no-opt');
}
