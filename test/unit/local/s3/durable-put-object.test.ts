import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
// s3rver's own filesystem store, the one the S3 emulator runs on.
import FilesystemStore from 's3rver/lib/stores/filesystem.js';
import { afterEach, describe, expect, it } from 'vitest';
import { makePutObjectDurable, type S3rverObjectStore } from '../../../../local/s3/durable-put-object.js';

const body = Buffer.alloc(32 * 1024 * 1024, 7);

describe('makePutObjectDurable', () => {
  const dirs: string[] = [];
  const storeIn = (): S3rverObjectStore => {
    const dir = mkdtempSync(join(tmpdir(), 'agentdrop-s3-store-'));
    dirs.push(dir);
    return new FilesystemStore(dir) as unknown as S3rverObjectStore;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** The object file's size when the store records the metadata: from then on s3rver reports the object written. */
  const sizeAtMetadata = (store: S3rverObjectStore): (() => number | undefined) => {
    let size: number | undefined;
    const putMetadata = store.putMetadata.bind(store);
    store.putMetadata = (bucket, key, metadata, md5) => {
      const path = store.getResourcePath(bucket, key, 'object');
      size = existsSync(path) ? statSync(path).size : 0;
      return putMetadata(bucket, key, metadata, md5);
    };
    return () => size;
  };

  it("is needed: s3rver's own putObject goes on before the body is in the file", async () => {
    const store = storeIn();
    const size = sizeAtMetadata(store);
    const put = await store.putObject({ bucket: 'b', key: 'k', content: body, metadata: {} });
    expect(put.size).toBe(body.length);
    expect(size()).toBeLessThan(body.length);
  });

  it.each([
    ['a buffer', () => body],
    ['a stream', () => Readable.from([body.subarray(0, 1000), body.subarray(1000)])],
  ])('resolves only once the whole body of %s is in the file, with its size and md5', async (_, content) => {
    const store = storeIn();
    const size = sizeAtMetadata(store);
    makePutObjectDurable(store);
    const put = await store.putObject({ bucket: 'b', key: 'k', content: content(), metadata: {} });
    expect(size()).toBe(body.length);
    const path = store.getResourcePath('b', 'k', 'object');
    expect(put.size).toBe(body.length);
    expect(readFileSync(path).equals(body)).toBe(true);
    expect(readFileSync(`${path}.md5`, 'utf8')).toBe(put.md5);
  });

  it('leaves the previous object whole, and no partial file, when a body fails midway', async () => {
    const store = storeIn();
    makePutObjectDurable(store);
    await store.putObject({ bucket: 'b', key: 'k', content: Buffer.from('old'), metadata: {} });
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024, 1));
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(store.putObject({ bucket: 'b', key: 'k', content: failing, metadata: {} })).rejects.toThrow(
      'connection reset',
    );
    const path = store.getResourcePath('b', 'k', 'object');
    expect(readFileSync(path, 'utf8')).toBe('old');
    const left = readdirSync(dirname(path));
    expect(left).toContain(basename(path));
    expect(left.filter((name) => name.endsWith('.partial'))).toEqual([]);
  });
});
