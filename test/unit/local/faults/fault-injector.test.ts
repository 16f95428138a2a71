import { describe, expect, it } from 'vitest';
import { createCallRecorder, createFaultInjector } from '../../../../local/faults/index.js';

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

  describe('when a fault skips calls with after', () => {
    it('returns nothing for the skipped calls, then the fault for count calls', () => {
      const faults = createFaultInjector();
      faults.set('PutItem', { kind: 'server_error', count: 2, after: 2 });
      expect(faults.peek('PutItem')).toBeUndefined();
      expect(faults.pending()).toEqual({ PutItem: { kind: 'server_error', count: 2, after: 2 } });
      const taken = [1, 2, 3, 4, 5].map(() => faults.take('PutItem')?.kind ?? null);
      expect(taken).toEqual([null, null, 'server_error', 'server_error', null]);
    });
  });

  describe('when it has a recorder', () => {
    it('records every call in order with its service, the running state, the fault and the caller', () => {
      const recorder = createCallRecorder();
      const faults = createFaultInjector({ service: 'dynamodb', recorder });
      faults.set('GetItem', { kind: 'throttle' });
      faults.take('PutItem');
      recorder.enterState('Plan');
      faults.take('GetItem', 'agentdrop-harness');
      recorder.exitState('Plan');
      const mark = recorder.mark();
      faults.take('GetItem');
      expect(recorder.calls()).toEqual([
        { seq: 0, service: 'dynamodb', operation: 'PutItem', state: null, fault: null, caller: null },
        {
          seq: 1,
          service: 'dynamodb',
          operation: 'GetItem',
          state: 'Plan',
          fault: 'throttle',
          caller: 'agentdrop-harness',
        },
        { seq: 2, service: 'dynamodb', operation: 'GetItem', state: null, fault: null, caller: null },
      ]);
      expect(recorder.calls(mark)).toHaveLength(1);
    });
  });
});
