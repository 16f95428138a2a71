import { setFlagsFromString } from 'node:v8';

/**
 * Keeps V8's young generation at its initial size for the rest of this process. By default V8 doubles it
 * after scavenges that keep much alive, up to two 16 MiB semi-spaces (Node 22 on 64-bit): a plan of a large
 * drop builds enough long-lived objects (paths, the tree index, the plan) to grow it all the way, which
 * costs over 30 MB of resident memory for a few milliseconds of CPU saved. `--semi-space-growth-factor` is
 * read each time V8 considers growing, so setting it at run time takes effect (issue 12: `plan` of 2,000
 * skills under 80 MB). Only for short CLI runs that allocate in bulk: it is process-wide.
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
