import { describe, expect, it } from 'vitest';
import { createFaultInjector } from '../../../../local/faults/index.js';

describe('createFaultInjector', () => {
  describe('when a fault is set with a count', () => {
    it('returns it that many times, then nothing', () => {
      const faults = createFaultInjector();
      faults.set('PutEvents', { kind: 'throttle', count: 2 });
      expect([faults.take('PutEvents'), faults.take('PutEvents'), faults.take('PutEvents')]).toEqual([
        { kind: 'throttle', count: 2 },
        { kind: 'throttle', count: 2 },
        undefined,
      ]);
    });
  });

  describe('when a fault is set without a count', () => {
    it('returns it once and keeps other operations untouched', () => {
      const faults = createFaultInjector();
      faults.set('StartBuild', { kind: 'build_failed', reason: 'boom' });
      expect(faults.take('BatchGetBuilds')).toBeUndefined();
      expect(faults.peek('StartBuild')).toEqual({ kind: 'build_failed', reason: 'boom' });
      expect(faults.take('StartBuild')).toEqual({ kind: 'build_failed', reason: 'boom' });
      expect(faults.take('StartBuild')).toBeUndefined();
    });
  });

  describe('when cleared', () => {
    it('returns no fault and reports none pending', () => {
      const faults = createFaultInjector();
      faults.set('A', { kind: 'server_error', count: 3 });
      faults.take('A');
      expect(faults.pending()).toEqual({ A: { kind: 'server_error', count: 2 } });
      faults.clear();
      expect(faults.take('A')).toBeUndefined();
      expect(faults.pending()).toEqual({});
    });
  });
});
