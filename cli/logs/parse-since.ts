import { UsageError } from '../usage-error.js';

const UnitMs: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * The epoch milliseconds `--since` names, counted back from `now`: a whole number and a unit, `30s`, `10m`,
 * `2h` or `1d`.
 * @throws UsageError for anything else
 */
export function parseSince(text: string, now: number): number {
  const match = /^(\d{1,6})([smhd])$/.exec(text.trim());
  if (match === null) {
    throw new UsageError(
      `--since ${JSON.stringify(text)} is not a duration: use a number and s, m, h or d (30s, 10m, 2h, 1d)`,
    );
  }
  return now - Number(match[1]) * (UnitMs[match[2]!] ?? 0);
}
