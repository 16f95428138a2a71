import { describe, expect, it } from 'vitest';
import { median } from '../../../bench/median.js';

describe('median', () => {
  it('takes the middle of an odd count, unsorted, without rounding', () => {
    expect(median([9.25, 1, 4.5, 3, 100])).toBe(4.5);
  });

  it('takes the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });

  it('refuses no values instead of reporting 0', () => {
    expect(() => median([])).toThrow('median of no values');
  });
});
