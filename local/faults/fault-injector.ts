import type { CallRecorder } from './call-recorder.js';

/** What an emulator (or the local runner, for Lambda Tasks) does instead of (or before) answering a call. */
export const FaultKind = {
  /** Answer with the service's throttling error, which the SDK retries (set `count` ≥ 3 to outlast it). */
  Throttle: 'throttle',
  /** Answer with the service's 500 internal error, which the SDK retries (set `count` ≥ 3 to outlast it). */
  ServerError: 'server_error',
  /** Answer with the protocol's AccessDenied error (JSON `AccessDeniedException`, S3 `AccessDenied` 403); never retried. */
  AccessDenied: 'access_denied',
  /**
   * Never answer (the request is not processed): the SDK gives up after its request timeout and retries
   * (`TimeoutError`). With `delayMs` the emulator drops the connection after that long instead.
   */
  NetworkTimeout: 'network_timeout',
  /** An asynchronous create ends in `CREATE_FAILED`. */
  CreateFailed: 'create_failed',
  /** An asynchronous update ends in `UPDATE_FAILED`. */
  UpdateFailed: 'update_failed',
  /** The resource stays in its transitional status for `delayMs` longer. */
  SlowReady: 'slow_ready',
  /** A build ends in `FAILED`. */
  BuildFailed: 'build_failed',
  /** Lambda Tasks (keyed by state name): the invoke fails with `Lambda.ServiceException`; the function never runs. */
  LambdaServiceException: 'lambda_service_exception',
  /**
   * Lambda Tasks (keyed by state name): the function runs and its side effects land, then the invoke fails with
   * `Lambda.Unknown` (an unhandled crash or timeout, aws-practices §2.4): the result is lost.
   */
  LambdaCrash: 'lambda_crash',
} as const;
export type FaultKind = (typeof FaultKind)[keyof typeof FaultKind];

/** One injected fault for an operation. */
export interface Fault {
  /** What goes wrong. */
  readonly kind: FaultKind;
  /** How many consecutive calls it affects. @default 1 */
  readonly count?: number;
  /** How many matching calls pass untouched before the first affected one (targets one call site). @default 0 */
  readonly after?: number;
  /** Extra delay in milliseconds (`slow_ready`; latency before a throttle/5xx/AccessDenied; the hold before `network_timeout` drops the connection). @default 0 */
  readonly delayMs?: number;
  /** The failure reason reported to the caller. @default a generic sentence per kind */
  readonly reason?: string;
}

/**
 * Per-operation fault queue shared by the emulators. Operation names are the API's (`PutEvents`); the local
 * runner keys Lambda Task faults by state name.
 */
export interface FaultInjector {
  /** Queues a fault for an operation; replaces any fault already set for it. */
  set(operation: string, fault: Fault): void;
  /** Removes every fault. */
  clear(): void;
  /**
   * Reports one call of the operation (callers call it exactly once per request) and returns the fault that
   * applies to this call, consuming one count of it, or `undefined`. Every call is counted, so `after` skips
   * calls that are not faulted. The call is also handed to the injector's recorder, with `caller` (the SDK
   * app id of an emulator-internal client, see `callerOf`; null for the pipeline's own clients).
   */
  take(operation: string, caller?: string | null): Fault | undefined;
  /** Returns the fault the next call of the operation would get, without counting a call. */
  peek(operation: string): Fault | undefined;
  /** The operations that still have a fault, with the remaining `count` (and `after`, while calls are skipped). */
  pending(): Readonly<Record<string, Fault>>;
}

/** Options of {@link createFaultInjector}. */
export interface FaultInjectorOptions {
  /** The service name recorded with each call. @default 'unknown' */
  readonly service?: string;
  /** Receives every call reported through `take`, with the fault applied to it. @default none */
  readonly recorder?: CallRecorder;
}

/** Creates an empty {@link FaultInjector}. */
export function createFaultInjector(options: FaultInjectorOptions = {}): FaultInjector {
  const faults = new Map<string, { fault: Fault; skip: number; remaining: number }>();
  const service = options.service ?? 'unknown';
  return {
    set(operation, fault) {
      const remaining = fault.count ?? 1;
      if (remaining > 0) faults.set(operation, { fault, skip: Math.max(0, fault.after ?? 0), remaining });
      else faults.delete(operation);
    },
    clear() {
      faults.clear();
    },
    take(operation, caller = null) {
      const entry = faults.get(operation);
      let applied: Fault | undefined;
      if (entry !== undefined) {
        if (entry.skip > 0) {
          entry.skip -= 1;
        } else {
          entry.remaining -= 1;
          if (entry.remaining <= 0) faults.delete(operation);
          applied = entry.fault;
        }
      }
      options.recorder?.record({ service, operation, fault: applied?.kind ?? null, caller });
      return applied;
    },
    peek(operation) {
      const entry = faults.get(operation);
      return entry !== undefined && entry.skip === 0 ? entry.fault : undefined;
    },
    pending() {
      const out: Record<string, Fault> = {};
      for (const [operation, { fault, skip, remaining }] of faults) {
        const { after: _after, ...rest } = fault;
        out[operation] = { ...rest, count: remaining, ...(skip > 0 ? { after: skip } : {}) };
      }
      return out;
    },
  };
}
