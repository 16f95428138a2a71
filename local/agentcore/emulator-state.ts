import { randomBytes } from 'node:crypto';
import { eventExists, type MemoryResourceRecord, settleMemories } from './memory-state.js';
import { Status } from './runtime-shapes.js';

/** A resource's status, plus the transition that completes at `atMs` (read-time lifecycle, no timers). */
export interface Lifecycle {
  status: Status;
  failureReason?: string;
  pending?: { atMs: number; status: Status | 'GONE'; failureReason?: string };
}

/** One immutable runtime version: the full configuration sent by Create/UpdateAgentRuntime. */
export interface RuntimeVersionRecord extends Lifecycle {
  version: string;
  config: Record<string, unknown>;
  createdAt: string;
  lastUpdatedAt: string;
}

/** A named runtime endpoint other than `DEFAULT` (which always follows the latest version). */
export interface RuntimeEndpointRecord extends Lifecycle {
  name: string;
  id: string;
  arn: string;
  createdAt: string;
  lastUpdatedAt: string;
  targetVersion: string;
  /** The version served while an update moves the endpoint to `targetVersion`. */
  liveVersion?: string;
  description?: string;
  tags: Record<string, string>;
}

/** An agent runtime: its versions (oldest first), named endpoints and tags. */
export interface RuntimeRecord {
  id: string;
  name: string;
  arn: string;
  createdAt: string;
  lastUpdatedAt: string;
  versions: RuntimeVersionRecord[];
  endpoints: RuntimeEndpointRecord[];
  /** Id of the automatic `DEFAULT` endpoint. */
  defaultEndpointId: string;
  tags: Record<string, string>;
  deleting?: { atMs: number };
}

/** One immutable harness version: the configuration after applying an update. */
export interface HarnessVersionRecord extends Lifecycle {
  version: string;
  config: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

/** A named harness endpoint (`DEFAULT` is reserved and always serves the newest READY version). */
export interface HarnessEndpointRecord extends Lifecycle {
  name: string;
  arn: string;
  createdAt: string;
  updatedAt: string;
  targetVersion: string;
  /** The version served while an update moves the endpoint to `targetVersion`. */
  liveVersion?: string;
  description?: string;
  tags: Record<string, string>;
}

/** A harness: its versions (oldest first), named endpoints and tags. */
export interface HarnessRecord {
  id: string;
  name: string;
  arn: string;
  createdAt: string;
  updatedAt: string;
  /** Id of the managed runtime reported in `environment.agentCoreRuntimeEnvironment`. */
  runtimeId: string;
  versions: HarnessVersionRecord[];
  endpoints: HarnessEndpointRecord[];
  tags: Record<string, string>;
  deleting?: { atMs: number };
}

/**
 * The original answer to a request carrying a `clientToken`, replayed for the same token and body. Once its
 * resource is gone the answer (`status`, `body`) is dropped and only what refuses the token is kept.
 */
export interface TokenRecord {
  bodyHash: string;
  resourceArn: string;
  status?: number;
  body?: unknown;
}

/** Everything the emulator persists in `<dataDir>/agentcore/state.json`. */
export interface EmulatorState {
  runtimes: RuntimeRecord[];
  harnesses: HarnessRecord[];
  memories: MemoryResourceRecord[];
  tokens: Record<string, TokenRecord>;
}

/** An empty state. */
export function emptyState(): EmulatorState {
  return { runtimes: [], harnesses: [], memories: [], tokens: {} };
}

/**
 * Completes every transition whose time has come: statuses advance, deleted resources disappear.
 * Returns whether anything changed (so the caller persists).
 */
export function settleState(state: EmulatorState, nowMs: number): boolean {
  let changed = false;
  const settle = (item: Lifecycle): void => {
    if (item.pending !== undefined && item.pending.atMs <= nowMs && item.pending.status !== 'GONE') {
      item.status = item.pending.status;
      if (item.pending.failureReason !== undefined) item.failureReason = item.pending.failureReason;
      else delete item.failureReason;
      delete item.pending;
      changed = true;
    }
  };
  const gone = (r: { deleting?: { atMs: number } }): boolean =>
    r.deleting !== undefined && r.deleting.atMs <= nowMs;
  const runtimes = state.runtimes.filter((r) => !gone(r));
  const harnesses = state.harnesses.filter((h) => !gone(h));
  if (runtimes.length !== state.runtimes.length || harnesses.length !== state.harnesses.length)
    changed = true;
  state.runtimes = runtimes;
  state.harnesses = harnesses;
  const memories = settleMemories(state.memories, nowMs);
  if (memories.changed) changed = true;
  state.memories = memories.memories;
  for (const runtime of runtimes) {
    runtime.versions.forEach(settle);
    const endpoints = runtime.endpoints.filter(
      (e) => !(e.pending?.status === 'GONE' && e.pending.atMs <= nowMs),
    );
    if (endpoints.length !== runtime.endpoints.length) changed = true;
    runtime.endpoints = endpoints;
    endpoints.forEach(settle);
  }
  for (const harness of harnesses) {
    harness.versions.forEach(settle);
    const endpoints = harness.endpoints.filter(
      (e) => !(e.pending?.status === 'GONE' && e.pending.atMs <= nowMs),
    );
    if (endpoints.length !== harness.endpoints.length) changed = true;
    harness.endpoints = endpoints;
    endpoints.forEach(settle);
  }
  // A clientToken answer goes with its resource (a CreateEvent answer holds the event's payload); what refuses the
  // token afterwards (withClientToken's Conflict) stays.
  for (const token of Object.values(state.tokens)) {
    if (token.status === undefined || resourceExists(state, token.resourceArn)) continue;
    delete token.status;
    delete token.body;
    changed = true;
  }
  return changed;
}

/**
 * Whether the resource a clientToken answer recorded still exists: a runtime or harness (or anything under its
 * ARN), a memory, or a memory's event.
 */
export function resourceExists(state: EmulatorState, arn: string): boolean {
  return (
    state.runtimes.some((r) => arn === r.arn || arn.startsWith(`${r.arn}/`)) ||
    state.harnesses.some((h) => arn === h.arn || arn.startsWith(`${h.arn}/`)) ||
    state.memories.some((m) => arn === m.arn || eventExists(m, arn))
  );
}

/** Starts a transition: `status` now, `outcome` after `delayMs`. */
export function beginTransition(
  item: Lifecycle,
  status: Status,
  outcome: { status: Status | 'GONE'; failureReason?: string },
  nowMs: number,
  delayMs: number,
): void {
  item.status = status;
  delete item.failureReason;
  item.pending = { atMs: nowMs + delayMs, ...outcome };
}

/** Whether a create or update is still in flight (mutations then answer Conflict). */
export function isInFlight(item: Lifecycle): boolean {
  return (
    item.status === Status.Creating || item.status === Status.Updating || item.status === Status.Deleting
  );
}

/** A service-style resource id: `<name>-<10 alphanumerics>`. */
export function newResourceId(name: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = randomBytes(10);
  let suffix = '';
  for (const byte of bytes) suffix += alphabet[byte % alphabet.length];
  return `${name}-${suffix}`;
}
