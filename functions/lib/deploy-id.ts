import { randomBytes } from 'node:crypto';

const Crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A time-ordered unique deploy id (ULID layout: 10 characters of milliseconds, 16 of randomness), so
 * receipts sort by time under `DEPLOY#` (DESIGN §4.1).
 */
export function newDeployId(now: Date, random: Uint8Array = randomBytes(10)): string {
  let time = now.getTime();
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = Crockford[time % 32]! + head;
    time = Math.floor(time / 32);
  }
  let bits = 0n;
  for (const byte of random.subarray(0, 10)) bits = (bits << 8n) | BigInt(byte);
  let tail = '';
  for (let i = 0; i < 16; i++) {
    tail = Crockford[Number(bits & 31n)]! + tail;
    bits >>= 5n;
  }
  return head + tail;
}
