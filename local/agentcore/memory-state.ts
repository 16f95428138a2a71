import type { MemoryStatus } from './memory-shapes.js';

/** A long-term strategy of a memory, as CreateMemory configured it. */
export interface MemoryStrategyRecord {
  strategyId: string;
  name: string;
  description?: string;
  /** `SEMANTIC`, `SUMMARIZATION` or `USER_PREFERENCE`. */
  type: string;
  /** Namespace templates its records are written under (`{actorId}`, `{sessionId}`, `{memoryStrategyId}`). */
  namespaces: string[];
}

/** One short-term event: the payload of a CreateEvent, keyed by actor and session. */
export interface StoredEvent {
  eventId: string;
  actorId: string;
  sessionId: string;
  /** Epoch seconds, as the caller sent it. */
  eventTimestamp: number;
  payload: unknown[];
  metadata?: Record<string, unknown>;
  branch?: Record<string, unknown>;
  /**
   * Epoch milliseconds it expires at: written, plus the memory's eventExpiryDuration then (AgentCore applies
   * the duration per event at write time). Absent in state saved before expiry was emulated: then counted from
   * `eventTimestamp` with the memory's duration.
   */
  expiresAtMs?: number;
}

/** One long-term record a strategy extracted from events. */
export interface StoredMemoryRecord {
  memoryRecordId: string;
  memoryStrategyId: string;
  /** The resolved namespace it lives in. */
  namespace: string;
  text: string;
  /** Epoch seconds. */
  createdAt: number;
}

/** An AgentCore Memory with its events and records (both persisted with the rest of the state). */
export interface MemoryResourceRecord {
  id: string;
  name: string;
  arn: string;
  description?: string;
  memoryExecutionRoleArn?: string;
  eventExpiryDuration: number;
  status: MemoryStatus;
  /** Why the create failed (status FAILED), as GetMemory reports it. */
  failureReason?: string;
  /**
   * The transition that completes at `atMs`: CREATING → ACTIVE (or FAILED, with its `failureReason`, when a
   * `create_failed` fault was injected), UPDATING → ACTIVE, DELETING → gone.
   */
  pending?: { atMs: number; status: 'ACTIVE' | 'FAILED' | 'GONE'; failureReason?: string };
  /** Epoch seconds. */
  createdAt: number;
  updatedAt: number;
  strategies: MemoryStrategyRecord[];
  tags: Record<string, string>;
  events: StoredEvent[];
  records: StoredMemoryRecord[];
}

/**
 * The resource a CreateEvent's clientToken answer belongs to: the event, so the answer (which holds the payload)
 * goes when the event expires. Not an AWS ARN, only the key {@link eventExists} reads.
 */
export function eventResourceArn(memoryArn: string, eventId: string): string {
  return `${memoryArn}/event/${eventId}`;
}

/** Whether `arn` names an event of `memory` still stored (see {@link eventResourceArn}). */
export function eventExists(memory: MemoryResourceRecord, arn: string): boolean {
  return memory.events.some((event) => arn === eventResourceArn(memory.arn, event.eventId));
}

/** Milliseconds in a day of eventExpiryDuration. */
export const DayMs = 86_400_000;

/** When an event expires (see {@link StoredEvent.expiresAtMs}). */
function expiryOf(memory: MemoryResourceRecord, event: StoredEvent): number {
  return event.expiresAtMs ?? event.eventTimestamp * 1000 + memory.eventExpiryDuration * DayMs;
}

/**
 * Completes the memory transitions whose time has come: a CREATING memory becomes ACTIVE (or FAILED), a DELETING one
 * disappears with its events and records; and drops the events whose expiry has come (their long-term records
 * stay: records have their own expiry, not emulated). Returns the memories left and whether anything changed.
 */
export function settleMemories(
  memories: readonly MemoryResourceRecord[],
  nowMs: number,
): { memories: MemoryResourceRecord[]; changed: boolean } {
  let changed = false;
  const left: MemoryResourceRecord[] = [];
  for (const memory of memories) {
    const live = memory.events.filter((event) => expiryOf(memory, event) > nowMs);
    if (live.length !== memory.events.length) {
      memory.events = live;
      changed = true;
    }
    if (memory.pending === undefined || memory.pending.atMs > nowMs) {
      left.push(memory);
      continue;
    }
    changed = true;
    if (memory.pending.status === 'GONE') continue;
    memory.status = memory.pending.status;
    if (memory.pending.failureReason !== undefined) memory.failureReason = memory.pending.failureReason;
    delete memory.pending;
    left.push(memory);
  }
  return { memories: left, changed };
}
