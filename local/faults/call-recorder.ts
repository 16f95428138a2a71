import type { FaultKind } from './fault-injector.js';

/** One call an emulator (or the local runner, for a Lambda Task) received, in arrival order. */
export interface RecordedServiceCall {
  /** Position in the recorder, from 0. */
  readonly seq: number;
  /** The local service (`dynamodb`, `agentcore`, …; `lambda` for Lambda Tasks of the runner). */
  readonly service: string;
  /** The API operation (`PutItem`), or the state name for a Lambda Task. */
  readonly operation: string;
  /** The Task state running when the call arrived (see {@link CallRecorder.enterState}), or null. */
  readonly state: string | null;
  /** The fault applied to this call, or null. */
  readonly fault: FaultKind | null;
  /**
   * Who called: null for the pipeline's clients, else the SDK app id of an emulator-internal client
   * (`agentdrop-harness` reading skills, `agentdrop-runtime` in a runtime container).
   */
  readonly caller: string | null;
}

/**
 * The ordered list of calls every emulator of a local cloud received, each tagged with the Task state that
 * was running. The tag is one "current state" per recorder: it is exact while runs do not overlap (a sweep
 * runs one at a time); overlapping runs make it ambiguous.
 */
export interface CallRecorder {
  /** Appends a call (emulators report through their fault injector's `take`). */
  record(call: Omit<RecordedServiceCall, 'seq' | 'state'>): void;
  /** Every call so far, or those since `from` (a `seq` or a {@link mark}). */
  calls(from?: number): readonly RecordedServiceCall[];
  /** The `seq` the next call will get: pass it to `calls` to read what happens after this point. */
  mark(): number;
  /** Calls that arrive from now on are tagged with `state` (the runner calls it when a Task starts). */
  enterState(state: string): void;
  /** Ends the tag set by `enterState` for this state (the runner calls it when the Task ends). */
  exitState(state: string): void;
  /** Forgets every call (sequence numbers keep increasing). */
  clear(): void;
}

/** Creates an empty {@link CallRecorder}. */
export function createCallRecorder(): CallRecorder {
  let recorded: RecordedServiceCall[] = [];
  let next = 0;
  let current: string | null = null;
  return {
    record(call) {
      recorded.push({ seq: next, ...call, state: current });
      next += 1;
    },
    calls(from = 0) {
      return recorded.filter((call) => call.seq >= from);
    },
    mark: () => next,
    enterState(state) {
      current = state;
    },
    exitState(state) {
      if (current === state) current = null;
    },
    clear() {
      recorded = [];
    },
  };
}
