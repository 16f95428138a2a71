import { filesContentHash } from '../folder/skill-hash.js';

const encoder = new TextEncoder();

/**
 * Content hash of a runtime template: the construction of the skill content hash (spec §3.5) over its files. It
 * feeds every runtime plan's specHash (DESIGN §8), so a change to any template byte gives a new image tag and a
 * redeploy.
 */
export function templateHash(files: Readonly<Record<string, string>>): string {
  return filesContentHash(Object.entries(files).map(([path, text]) => [path, encoder.encode(text)] as const));
}
