import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault } from '../faults/index.js';
import type { AgentProcessPool } from './agent-process-pool.js';
import type { EmulatorState } from './emulator-state.js';
import type { AgentCoreQuotaLimits } from './service-quotas.js';
import type { AgentCoreEmulatorOptions, HarnessInvocationRecord } from './types.js';

/** What every operation handler shares: options, the mutable state and the running agents. */
export interface EmulatorContext {
  readonly options: AgentCoreEmulatorOptions;
  /** The emulator's own base URL, given to runtime containers for their AgentCore data-plane calls. */
  endpoint: string;
  readonly state: EmulatorState;
  /** The account's AgentCore quotas as the emulator enforces them (shared with the Service Quotas emulator). */
  readonly quotas: AgentCoreQuotaLimits;
  readonly delays: { readonly createMs: number; readonly updateMs: number; readonly deleteMs: number };
  readonly agents: AgentProcessPool;
  readonly harnessLog: HarnessInvocationRecord[];
  /** Conversation history per harness runtime session. */
  readonly harnessSessions: Map<string, unknown[]>;
  /** Writes the state to disk. */
  persist(): void;
}

/** One routed request. */
export interface OperationRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly body: Buffer;
  /** Percent-decoded path labels, in order. */
  readonly params: readonly string[];
  readonly query: URLSearchParams;
  /** The fault injected for this call, if any (throttle, 5xx, AccessDenied and network timeouts are answered before the handler runs). */
  readonly fault: Fault | undefined;
  readonly nowMs: number;
}

/** A JSON answer; handlers that stream write to `res` themselves and return `undefined`. */
export interface OperationReply {
  readonly status: number;
  readonly body?: unknown;
}

/** Serves one operation. */
export type OperationHandler = (
  ctx: EmulatorContext,
  request: OperationRequest,
) => Promise<OperationReply | undefined> | OperationReply | undefined;
