import { describe, expect, it } from 'vitest';
import { parseSince } from '../../../../cli/logs/index.js';

describe('parseSince', () => {
  const now = Date.UTC(2026, 0, 2, 12, 0, 0);
  it.each([
    ['30s', 30_000],
    ['10m', 600_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    [' 5m ', 300_000],
  ])('reads %s as that long before now', (text, ms) => {
    expect(parseSince(text, now)).toBe(now - ms);
  });

  it.each(['', '10', 'm', '1.5h', '10 m', '-5m', '3w', '1234567s'])('refuses %j as a usage error', (text) => {
    expect(() => parseSince(text, now)).toThrow(
      expect.objectContaining({ name: 'UsageError', message: expect.stringContaining('30s, 10m, 2h, 1d') }),
    );
  });
});
