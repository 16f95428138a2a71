import type { ToolEntry } from './types.js';

/**
 * Splits `name`, `name:ask` or `name:allow` on the last colon: a trimmed, lower-cased tail of `ask` or
 * `allow` is the policy, otherwise the whole entry is the name, so `ns:tool` survives (spec §3.6).
 */
export function parseToolEntry(raw: string): ToolEntry {
  const trimmed = raw.trim();
  const colon = trimmed.lastIndexOf(':');
  if (colon >= 0) {
    const tail = trimmed
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    if (tail === 'ask' || tail === 'allow') return { name: trimmed.slice(0, colon).trim(), policy: tail };
  }
  return { name: trimmed, policy: null };
}
