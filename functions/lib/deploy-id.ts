import { createHash } from 'node:crypto';

const Crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The deploy id of a run (ULID layout: 10 characters of the execution's start in milliseconds, 16 of a hash
 * of its ARN), so receipts sort by time under `DEPLOY#` (DESIGN §4.1). Derived, not drawn: every step of a
 * run — Plan and its retries, the record step of a Plan that failed, the finalizer of a run that died —
 * names the same deploy, so a retry never mints a second receipt.
 */
export function deployIdOf(executionArn: string, executionStartTime: string | Date): string {
  const started = new Date(executionStartTime).getTime();
  let time = Number.isFinite(started) ? started : 0;
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = Crockford[time % 32]! + head;
    time = Math.floor(time / 32);
  }
  let bits = 0n;
  for (const byte of createHash('sha256').update(executionArn).digest().subarray(0, 10))
    bits = (bits << 8n) | BigInt(byte);
  let tail = '';
  for (let i = 0; i < 16; i++) {
    tail = Crockford[Number(bits & 31n)]! + tail;
    bits >>= 5n;
  }
  return head + tail;
}
