import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CoalescedSave } from '../../../../local/persist/index.js';

describe('CoalescedSave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves once per delay however many writes asked, now at once, and flush only when pending', () => {
    const save = vi.fn();
    const saver = new CoalescedSave(save, 1_000);
    saver.soon();
    saver.soon();
    vi.advanceTimersByTime(999);
    expect(save).toHaveBeenCalledTimes(0);
    vi.advanceTimersByTime(1);
    expect(save).toHaveBeenCalledTimes(1);
    saver.flush();
    expect(save).toHaveBeenCalledTimes(1);
    saver.soon();
    saver.now();
    vi.advanceTimersByTime(5_000);
    expect(save).toHaveBeenCalledTimes(2);
    saver.soon();
    saver.flush();
    expect(save).toHaveBeenCalledTimes(3);
  });

  it('keeps a save that failed in the timer pending: the flush at stop writes it or throws', () => {
    let fail = true;
    const save = vi.fn(() => {
      if (fail) throw new Error('disk full');
    });
    const saver = new CoalescedSave(save, 1_000);
    saver.soon();
    vi.advanceTimersByTime(1_000);
    expect(() => saver.flush()).toThrow('disk full');
    fail = false;
    saver.flush();
    expect(save).toHaveBeenCalledTimes(3);
    saver.flush();
    expect(save).toHaveBeenCalledTimes(3);
  });
});
