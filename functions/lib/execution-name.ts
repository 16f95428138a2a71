import { createHash } from 'node:crypto';
import { asRecord } from './normalize-trigger.js';

const Crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DropKey = /^drops\/([a-z][a-z0-9-]{0,29})\.zip$/;
const Named = /^([a-z][a-z0-9-]{0,29})-([0-9A-HJKMNP-TV-Z]{26})$/;

/**
 * The name a run of `event` gets in the Step Functions console: `<project>-<deploy id>` (at most 57 of the 80
 * characters a name may have), so a person finds a project's runs at a glance and the receipt's deploy id is
 * in the name. The deploy id is ULID-shaped: `at` in milliseconds (runs and receipts sort by time), then a hash
 * of the event's id, so two events in the same millisecond get two names. A trigger that names no valid project
 * is run as `drop-<deploy id>` (its Plan step refuses it).
 */
export function executionNameFor(event: unknown, at: Date): string {
  const record = asRecord(event);
  const detail = asRecord(record.detail);
  const key = asRecord(detail.object).key;
  const fromKey = typeof key === 'string' ? DropKey.exec(key)?.[1] : undefined;
  const fromDetail =
    typeof detail.project === 'string' && /^[a-z][a-z0-9-]{0,29}$/.test(detail.project)
      ? detail.project
      : undefined;
  const seed = typeof record.id === 'string' ? record.id : JSON.stringify(event);
  return `${fromKey ?? fromDetail ?? 'drop'}-${ulid(at.getTime(), seed)}`;
}

/** The deploy id an execution's name carries (`<project>-<deploy id>`), or null for any other name. */
export function deployIdInName(executionArn: string): string | null {
  const name = executionArn.slice(executionArn.lastIndexOf(':') + 1);
  return Named.exec(name)?.[2] ?? null;
}

/** 10 characters of `ms` and 16 of a SHA-256 of `seed`, in Crockford base 32. */
export function ulid(ms: number, seed: string): string {
  let time = Number.isFinite(ms) && ms > 0 ? ms : 0;
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = Crockford[time % 32]! + head;
    time = Math.floor(time / 32);
  }
  let bits = 0n;
  for (const byte of createHash('sha256').update(seed).digest().subarray(0, 10))
    bits = (bits << 8n) | BigInt(byte);
  let tail = '';
  for (let i = 0; i < 16; i++) {
    tail = Crockford[Number(bits & 31n)]! + tail;
    bits >>= 5n;
  }
  return head + tail;
}
