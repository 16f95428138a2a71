import { describe, expect, it } from 'vitest';
import { readZipBundle, zipFiles } from '../../../../core/bundle/index.js';

const encode = (value: string): Uint8Array => new TextEncoder().encode(value);

describe('zipFiles', () => {
  const files = new Map<string, Uint8Array>([
    ['z.md', encode('last')],
    ['agent.md', encode('# Agent\n')],
    ['\uff61.txt', encode('halfwidth')],
    ['\ud83d\ude00.txt', encode('emoji')],
    ['dir/empty.txt', new Uint8Array()],
  ]);

  it('returns byte-identical archives for the same files in any insertion order', () => {
    const reordered = new Map([...files].reverse());
    const first = zipFiles(files);
    expect(Buffer.from(zipFiles(files)).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(zipFiles(reordered)).equals(Buffer.from(first))).toBe(true);
  });

  it('round-trips through readZipBundle', async () => {
    const result = await readZipBundle(zipFiles(files));
    expect(result).toEqual({ ok: true, tree: { files: new Map(files) }, diagnostics: [] });
    expect(result.ok && [...result.tree.files.keys()]).toEqual([
      'agent.md',
      'dir/empty.txt',
      'z.md',
      '\uff61.txt',
      '\ud83d\ude00.txt',
    ]);
  });
});

describe('zipFiles on very compressible files', () => {
  it('stores them so the archive passes the compression-ratio rule', async () => {
    const files = new Map([['agent.md', new TextEncoder().encode(`Hi\n${'a'.repeat(1_000_000)}`)]]);
    const result = await readZipBundle(zipFiles(files));
    expect(result.ok).toBe(true);
  });
});
