/** What an emulator does instead of (or before) answering an operation normally. */
export const FaultKind = {
  /** Answer with the service's throttling error, which the SDK retries. */
  Throttle: 'throttle',
  /** Answer with a 500 internal error. */
  ServerError: 'server_error',
  /** An asynchronous create ends in `CREATE_FAILED`. */
  CreateFailed: 'create_failed',
  /** An asynchronous update ends in `UPDATE_FAILED`. */
  UpdateFailed: 'update_failed',
  /** The resource stays in its transitional status for `delayMs` longer. */
  SlowReady: 'slow_ready',
  /** A build ends in `FAILED`. */
  BuildFailed: 'build_failed',
} as const;
export type FaultKind = (typeof FaultKind)[keyof typeof FaultKind];

/** One injected fault for an operation. */
export interface Fault {
  /** What goes wrong. */
  readonly kind: FaultKind;
  /** How many calls it affects. @default 1 */
  readonly count?: number;
  /** Extra delay in milliseconds (`slow_ready`, or latency before a throttle/5xx). @default 0 */
  readonly delayMs?: number;
  /** The failure reason reported to the caller. @default a generic sentence per kind */
  readonly reason?: string;
}

/** Per-operation fault queue shared by the emulators. Operation names are the API's (`PutEvents`). */
export interface FaultInjector {
  /** Queues a fault for an operation; replaces any fault already set for it. */
  set(operation: string, fault: Fault): void;
  /** Removes every fault. */
  clear(): void;
  /** Consumes one count of the operation's fault and returns it, or `undefined` when none is set. */
  take(operation: string): Fault | undefined;
  /** Returns the operation's fault without consuming it. */
  peek(operation: string): Fault | undefined;
  /** The operations that still have a fault, with the remaining count. */
  pending(): Readonly<Record<string, Fault>>;
}

/** Creates an empty {@link FaultInjector}. */
export function createFaultInjector(): FaultInjector {
  const faults = new Map<string, { fault: Fault; remaining: number }>();
  return {
    set(operation, fault) {
      const remaining = fault.count ?? 1;
      if (remaining > 0) faults.set(operation, { fault, remaining });
      else faults.delete(operation);
    },
    clear() {
      faults.clear();
    },
    take(operation) {
      const entry = faults.get(operation);
      if (entry === undefined) return undefined;
      entry.remaining -= 1;
      if (entry.remaining <= 0) faults.delete(operation);
      return entry.fault;
    },
    peek(operation) {
      return faults.get(operation)?.fault;
    },
    pending() {
      const out: Record<string, Fault> = {};
      for (const [operation, { fault, remaining }] of faults) out[operation] = { ...fault, count: remaining };
      return out;
    },
  };
}
