import { describe, expect, it } from 'vitest';
import { jsonRequested, usageLine } from '../../../cli/cli-conventions.js';

describe('jsonRequested', () => {
  it.each([
    [['status', '--json'], true],
    [['--json', 'status'], true],
    [['status'], false],
    [['secrets', 'set', 'X', '--', '--json'], false],
  ])('returns whether --json is an option in %j', (argv, expected) => {
    expect(jsonRequested(argv)).toBe(expected);
  });
});

describe('usageLine', () => {
  it('returns one line pointing at the command help', () => {
    expect(usageLine("unknown option '--fast'\n", 'agentdrop push')).toBe(
      "usage: unknown option '--fast' (see agentdrop push --help)\n",
    );
  });
});
