import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { unzipSync } from 'fflate';
import { zipFiles } from '../../core/bundle/index.js';

/** The entry {@link plantedZip} hides its value in. */
export const PlantedEntry = 'notes/planted.txt';

/**
 * Where `value` occurs in `bytes`: `''` for the bytes as they are and, when they are a zip, every entry that
 * holds it (`path`, or `path!inner` inside a nested zip). Entries are inflated first: a byte search of a zip
 * misses a value in a deflated entry.
 */
export function findValue(bytes: Uint8Array, value: string): string[] {
  const found = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(value) ? [''] : [];
  if (!isZip(bytes)) return found;
  for (const [path, entry] of Object.entries(unzipSync(bytes))) {
    found.push(...findValue(entry, value).map((inner) => (inner === '' ? path : `${path}!${inner}`)));
  }
  return found;
}

/** Every object of `buckets` holding `value`, as `bucket/key` or `bucket/key!entry` for a zip entry. */
export async function findValueInBuckets(
  s3: S3Client,
  buckets: readonly string[],
  value: string,
): Promise<string[]> {
  const found: string[] = [];
  for (const bucket of buckets) {
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket })) {
      for (const { Key } of page.Contents ?? []) {
        const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
        const holders = findValue(await Body!.transformToByteArray(), value);
        found.push(...holders.map((entry) => `${bucket}/${Key}${entry === '' ? '' : `!${entry}`}`));
      }
    }
  }
  return found;
}

/**
 * A zip (the project's own writer, deflate level 6) whose {@link PlantedEntry} holds `value`: planted where a
 * scan looks, it proves the scan finds a value that is not in the zip's bytes as they are.
 */
export function plantedZip(value: string): Uint8Array {
  const text = Array.from({ length: 20 }, (_, i) => `line ${i}: token=${value}\n`).join('');
  return zipFiles(new Map([[PlantedEntry, new TextEncoder().encode(text)]]));
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
