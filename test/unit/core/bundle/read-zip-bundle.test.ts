import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BundleResult, readZipBundle, readZipFile, zipFiles } from '../../../../core/bundle/index.js';
import { DiagnosticCatalogue, type DiagnosticCode } from '../../../../core/diagnostics/index.js';
import {
  HostileDropLimits,
  HostileDropsDir,
  makeHostileDrops,
} from '../../../fixtures/make-hostile-drops.js';
import { type RawZipEntry, writeRawZip } from '../../../fixtures/raw-zip-writer.js';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const filesOf = (result: BundleResult): Record<string, string> => {
  if (!result.ok) throw new Error(`expected a tree, got ${JSON.stringify(result.diagnostics)}`);
  return Object.fromEntries(
    [...result.tree.files].map(([path, bytes]) => [path, new TextDecoder().decode(bytes)]),
  );
};

/** Expected outcome per hostile case: the one error code and its `where`. */
const hostileExpectations: Record<string, { code: DiagnosticCode; where: string }> = {
  'not-zip': { code: 'bundle.not_zip', where: 'project' },
  'not-zip-multi-disk': { code: 'bundle.not_zip', where: 'project' },
  'not-zip-truncated-archive': { code: 'bundle.not_zip', where: 'project' },
  'corrupt-crc': { code: 'bundle.corrupt', where: 'notes.txt' },
  'corrupt-truncated-data': { code: 'bundle.corrupt', where: 'notes.txt' },
  'corrupt-data-out-of-bounds': { code: 'bundle.corrupt', where: 'notes.txt' },
  'corrupt-header-mismatch': { code: 'bundle.corrupt', where: 'notes.txt' },
  'too-large-archive': { code: 'bundle.too_large', where: 'project' },
  'too-large-total': { code: 'bundle.too_large', where: 'project' },
  'too-many-entries': { code: 'bundle.too_many_entries', where: 'project' },
  'entry-too-large': { code: 'bundle.entry_too_large', where: 'big.bin' },
  'size-mismatch-smaller': { code: 'bundle.size_mismatch', where: 'notes.txt' },
  'size-mismatch-larger': { code: 'bundle.size_mismatch', where: 'notes.txt' },
  'compression-ratio': { code: 'bundle.compression_ratio', where: 'bomb.bin' },
  'compression-ratio-lying': { code: 'bundle.size_mismatch', where: 'bomb.bin' },
  'unsafe-path-traversal': { code: 'bundle.unsafe_path', where: '../x' },
  'unsafe-path-absolute': { code: 'bundle.unsafe_path', where: '/etc/x' },
  'unsafe-path-drive': { code: 'bundle.unsafe_path', where: 'C:/x' },
  'unsafe-path-backslash': { code: 'bundle.unsafe_path', where: 'a\\\\b' },
  'unsafe-path-control': { code: 'bundle.unsafe_path', where: 'a\\u0001b' },
  'unsafe-path-dot': { code: 'bundle.unsafe_path', where: './x' },
  'unsafe-path-empty-segment': { code: 'bundle.unsafe_path', where: 'a//b' },
  'name-encoding': { code: 'bundle.name_encoding', where: 'hex:61ff62' },
  symlink: { code: 'bundle.symlink', where: 'link' },
  'special-file-fifo': { code: 'bundle.special_file', where: 'pipe' },
  'special-file-device': { code: 'bundle.special_file', where: 'dev' },
  'duplicate-entry': { code: 'bundle.duplicate_entry', where: 'a.txt' },
  'duplicate-entry-nfd': { code: 'bundle.duplicate_entry', where: 'caf\u00e9.txt' },
  'path-conflict-case': { code: 'bundle.path_conflict', where: 'notes.md' },
  'path-conflict-file-dir': { code: 'bundle.path_conflict', where: 'skills' },
  encrypted: { code: 'bundle.encrypted', where: 'secret.txt' },
  'encrypted-aes': { code: 'bundle.encrypted', where: 'secret.txt' },
  'unsupported-compression': { code: 'bundle.unsupported_compression', where: 'notes.txt' },
};

describe('readZipBundle', () => {
  describe('when the drop is hostile', () => {
    let drops: Record<string, string>;
    beforeAll(async () => {
      drops = await makeHostileDrops(HostileDropsDir);
    });

    it('has a case for every bundle.* error code', () => {
      const errorCodes = Object.entries(DiagnosticCatalogue)
        .filter(([code, level]) => code.startsWith('bundle.') && level === 'error')
        .map(([code]) => code)
        .sort();
      expect([...new Set(Object.values(hostileExpectations).map((e) => e.code))].sort()).toEqual(errorCodes);
      expect(Object.keys(drops).sort()).toEqual(Object.keys(hostileExpectations).sort());
    });

    it.each(Object.entries(hostileExpectations))(
      'fails %s with its own code',
      async (name, { code, where }) => {
        const result = await readZipBundle(await readFile(drops[name]!), HostileDropLimits[name]);
        expect(result).toEqual({
          ok: false,
          diagnostics: [{ level: 'error', code, where, message: expect.any(String) }],
        });
        const message = result.diagnostics[0]!.message;
        if (where !== 'project') expect(message).toContain(`entry "${where}"`);
      },
    );

    it.each(Object.entries(hostileExpectations))(
      'fails %s with its own code when read from the file at offsets',
      (name, { code, where }) => {
        const result = readZipFile(drops[name]!, HostileDropLimits[name]);
        expect(result).toEqual({
          ok: false,
          diagnostics: [{ level: 'error', code, where, message: expect.any(String) }],
        });
      },
    );

    it('names the limit and the observed value', async () => {
      const messages = async (name: string): Promise<string[]> =>
        (await readZipBundle(await readFile(drops[name]!), HostileDropLimits[name])).diagnostics.map(
          (d) => d.message,
        );
      expect(await messages('entry-too-large')).toEqual([
        'entry "big.bin" declares 10485761 bytes uncompressed; the limit is 10485760 bytes',
      ]);
      expect(await messages('too-many-entries')).toEqual([
        'the archive has 20001 entries (directories count); the limit is 20000 entries',
      ]);
      expect(await messages('compression-ratio')).toEqual([
        expect.stringMatching(
          /^entry "bomb\.bin" declares a compression ratio of \d+(\.\d)?:1 \(1048576 of \d+ bytes\); the limit is 100:1/,
        ),
      ]);
      expect(await messages('compression-ratio-lying')).toEqual([
        'entry "bomb.bin" inflates to more than 1000 bytes (inflation stopped), past its declared size of 1000 bytes',
      ]);
      expect(await messages('name-encoding')).toEqual([
        'entry "hex:61ff62" has a name that is not valid UTF-8 (bytes 61ff62); names must be UTF-8',
      ]);
    });

    it('fails a streamed archive over the size limit without reading it all', async () => {
      let pulled = 0;
      const source = Readable.from(
        (function* () {
          for (; pulled < 1000; pulled += 1) yield Buffer.alloc(1024);
        })(),
      );
      const result = await readZipBundle(source, { maxTotalBytes: 10 * 1024 });
      expect(result).toEqual({
        ok: false,
        diagnostics: [
          {
            level: 'error',
            code: 'bundle.too_large',
            where: 'project',
            message: 'the archive is at least 11264 bytes; the limit is 10240 bytes',
          },
        ],
      });
      expect(pulled).toBeLessThan(20);
    });
  });

  describe('when random bytes of an archive are overwritten', () => {
    it('resolves every time, with bundle.* errors or a tree', async () => {
      const archive = Buffer.from(
        zipFiles(
          new Map([
            ['agent.md', text('# Agent\n'.repeat(20))],
            ['skills/a/SKILL.md', text('hello world '.repeat(30))],
            ['x/y/z.txt', text('zzz')],
          ]),
        ),
      );
      let seed = 7;
      const next = (below: number): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed % below;
      };
      for (let round = 0; round < 300; round += 1) {
        const mutated = Buffer.from(archive);
        for (let k = 0; k <= next(4); k += 1) mutated[next(mutated.length)] = next(256);
        const result = await readZipBundle(mutated);
        if (!result.ok) {
          expect(result.diagnostics.length).toBeGreaterThan(0);
          expect(result.diagnostics.every((d) => d.level === 'error' && d.code.startsWith('bundle.'))).toBe(
            true,
          );
        }
      }
    });
  });

  describe('when several entries are bad', () => {
    it('reports every one, sorted', async () => {
      const archive = writeRawZip([
        { name: 'agent.md', data: 'x' },
        { name: '../up', data: 'x' },
        { name: '/abs', data: 'x' },
        { name: 'link', data: 'x', externalAttributes: 0o120777 * 0x10000 },
        { name: 'locked', data: 'x', flags: 0x0801 },
      ]);
      const result = await readZipBundle(archive);
      expect(result.ok).toBe(false);
      expect(result.diagnostics.map((d) => [d.code, d.where])).toEqual([
        ['bundle.unsafe_path', '../up'],
        ['bundle.unsafe_path', '/abs'],
        ['bundle.symlink', 'link'],
        ['bundle.encrypted', 'locked'],
      ]);
    });

    it('reports at most 100', async () => {
      const archive = writeRawZip(Array.from({ length: 150 }, (_, i) => ({ name: `../f${i}`, data: 'x' })));
      const result = await readZipBundle(archive);
      expect(result.ok).toBe(false);
      expect(result.diagnostics).toHaveLength(100);
    });

    it('does not inflate anything when the central directory has an error', async () => {
      const archive = writeRawZip([
        { name: '../x', data: 'x' },
        { name: 'notes.txt', data: 'hello', crc32: 1 },
      ]);
      const result = await readZipBundle(archive);
      expect(result.diagnostics.map((d) => d.code)).toEqual(['bundle.unsafe_path']);
    });
  });

  describe('when the drop is well formed', () => {
    const files = new Map([
      ['agent.md', text('# Agent\n')],
      ['skills/review/SKILL.md', text('---\nname: review\n---\n')],
      ['knowledge/caf\u00e9.md', text('coffee')],
    ]);

    it('returns the files of a byte array in code-point order', async () => {
      const result = await readZipBundle(zipFiles(files));
      expect(result).toEqual({ ok: true, tree: { files: expect.any(Map) }, diagnostics: [] });
      expect(filesOf(result)).toEqual({
        'agent.md': '# Agent\n',
        'knowledge/caf\u00e9.md': 'coffee',
        'skills/review/SKILL.md': '---\nname: review\n---\n',
      });
      expect(result.ok && [...result.tree.files.keys()]).toEqual([
        'agent.md',
        'knowledge/caf\u00e9.md',
        'skills/review/SKILL.md',
      ]);
    });

    it('returns the same tree from a stream', async () => {
      const archive = Buffer.from(zipFiles(files));
      const chunks = [archive.subarray(0, 7), archive.subarray(7, 100), archive.subarray(100)];
      const streamed = await readZipBundle(Readable.from(chunks));
      expect(streamed).toEqual(await readZipBundle(archive));
    });

    it('returns NFC paths for NFD names', async () => {
      const result = await readZipBundle(writeRawZip([{ name: 'cafe\u0301.md', data: 'x' }]));
      expect(result.ok && [...result.tree.files.keys()]).toEqual(['caf\u00e9.md']);
    });

    it('returns an empty tree for an empty archive', async () => {
      const result = await readZipBundle(writeRawZip([]));
      expect(result).toEqual({ ok: true, tree: { files: new Map() }, diagnostics: [] });
    });

    it('accepts an empty deflated file and directory entries', async () => {
      const result = await readZipBundle(
        writeRawZip([{ name: 'empty/' }, { name: 'empty.txt', method: 8 }, { name: 'agent.md', data: 'a' }]),
      );
      expect(filesOf(result)).toEqual({ 'agent.md': 'a', 'empty.txt': '' });
    });
  });

  describe('when the drop holds empty directories', () => {
    it('lists the ones with nothing below them, after unwrapping', async () => {
      const result = await readZipBundle(
        writeRawZip([
          { name: 'wrap/' },
          { name: 'wrap/.managed-agents/' },
          { name: 'wrap/.managed-agents/lead/' },
          { name: 'wrap/.managed-agents/notes/' },
          { name: 'wrap/.managed-agents/notes/drafts/' },
          { name: 'wrap/skills/' },
          { name: 'wrap/skills/a/SKILL.md', data: 's' },
        ]),
      );
      expect(result).toEqual({
        ok: true,
        tree: {
          files: new Map([['skills/a/SKILL.md', text('s')]]),
          emptyDirectories: ['.managed-agents/lead', '.managed-agents/notes/drafts'],
        },
        diagnostics: [],
      });
    });
  });

  describe('when the archive uses ZIP64 records', () => {
    const entries: RawZipEntry[] = [
      { name: 'agent.md', data: '# Agent\n' },
      { name: 'skills/a/SKILL.md', data: 'skill '.repeat(50), method: 8 },
    ];

    it('reads the sizes and offsets from them, as bytes and from a file', async () => {
      const plain = await readZipBundle(writeRawZip(entries));
      expect(plain.ok).toBe(true);
      const archive = writeRawZip(entries, { zip64: true });
      expect(await readZipBundle(archive)).toEqual(plain);
      const dir = await mkdtemp(join(tmpdir(), 'agentdrop-zip64-'));
      try {
        await writeFile(join(dir, 'drop.zip'), archive);
        expect(readZipFile(join(dir, 'drop.zip'))).toEqual(plain);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('refuses a multi-disk ZIP64 archive and a missing ZIP64 size', async () => {
      const multiDisk = await readZipBundle(writeRawZip(entries, { zip64: true, diskNumber: 2 }));
      expect(multiDisk.diagnostics.map((d) => d.code)).toEqual(['bundle.not_zip']);
      // Both sizes marked as in the ZIP64 extra field, which holds only the first.
      const field = Buffer.alloc(12);
      field.writeUInt16LE(0x0001, 0);
      field.writeUInt16LE(8, 2);
      field.writeBigUInt64LE(1n, 4);
      const short = await readZipBundle(
        writeRawZip([
          {
            name: 'a.txt',
            data: 'x',
            extra: field,
            compressedSize: 0xffffffff,
            uncompressedSize: 0xffffffff,
          },
        ]),
      );
      expect(short).toEqual({
        ok: false,
        diagnostics: [
          {
            level: 'error',
            code: 'bundle.corrupt',
            where: 'project',
            message: expect.stringContaining('does not include the compressed size'),
          },
        ],
      });
    });
  });

  describe('when the drop has a wrapper directory', () => {
    it('unwraps a lone directory once', async () => {
      const result = await readZipBundle(
        writeRawZip([
          { name: 'support-bot-main/' },
          { name: 'support-bot-main/inner/' },
          { name: 'support-bot-main/inner/agent.md', data: 'deep' },
        ]),
      );
      expect(filesOf(result)).toEqual({ 'inner/agent.md': 'deep' });
    });

    it('keeps the root when it holds a project marker', async () => {
      const result = await readZipBundle(
        writeRawZip([
          { name: 'agentdrop.yaml', data: 'mode: auto\n' },
          { name: 'wrap/agent.md', data: 'a' },
        ]),
      );
      expect(Object.keys(filesOf(result))).toEqual(['agentdrop.yaml', 'wrap/agent.md']);
    });

    it('keeps the root when .managed-agents is the only directory', async () => {
      const result = await readZipBundle(writeRawZip([{ name: '.managed-agents/bot/agent.md', data: 'a' }]));
      expect(Object.keys(filesOf(result))).toEqual(['.managed-agents/bot/agent.md']);
    });

    it('keeps the root when it also holds a file or an empty directory', async () => {
      const withFile = await readZipBundle(writeRawZip([{ name: 'README' }, { name: 'wrap/agent.md' }]));
      const withDir = await readZipBundle(writeRawZip([{ name: 'empty/' }, { name: 'wrap/agent.md' }]));
      expect(Object.keys(filesOf(withFile))).toEqual(['README', 'wrap/agent.md']);
      expect(Object.keys(filesOf(withDir))).toEqual(['wrap/agent.md']);
    });
  });

  describe('when the drop holds OS metadata', () => {
    it('drops it with one info diagnostic, then unwraps', async () => {
      const result = await readZipBundle(
        writeRawZip([
          { name: '__MACOSX/' },
          { name: '__MACOSX/bot/._agent.md', data: 'meta' },
          { name: 'bot/agent.md', data: 'a' },
          { name: 'bot/.DS_Store', data: 'meta' },
          { name: 'bot/skills/Thumbs.db', data: 'meta' },
          { name: 'bot/skills/x/SKILL.md', data: 's' },
        ]),
      );
      expect(result).toEqual({
        ok: true,
        tree: { files: expect.any(Map) },
        diagnostics: [
          {
            level: 'info',
            code: 'bundle.ignored_entries',
            where: 'project',
            message: 'ignored 4 OS metadata entries (__MACOSX/, .DS_Store, Thumbs.db)',
          },
        ],
      });
      expect(filesOf(result)).toEqual({ 'agent.md': 'a', 'skills/x/SKILL.md': 's' });
    });

    it('still checks metadata entries', async () => {
      const result = await readZipBundle(writeRawZip([{ name: '__MACOSX/../x', data: 'meta' }]));
      expect(result.diagnostics.map((d) => d.code)).toEqual(['bundle.unsafe_path']);
    });
  });

  describe('when the same content is zipped differently', () => {
    const content: [string, string][] = [
      ['agent.md', '# Agent\n\nReview code.\n'],
      ['skills/review/SKILL.md', '---\nname: review\n---\nSteps.\n'],
      ['skills/review/notes.txt', 'abc'.repeat(20)],
      ['knowledge/guide.md', 'Be kind.\n'],
      ['\u00e9t\u00e9.md', 'summer'],
    ];

    it('returns identical trees whatever the order, timestamps, compression or wrapper', async () => {
      const plain: RawZipEntry[] = content.map(([name, data]) => ({ name, data }));
      const shuffled: RawZipEntry[] = [
        { name: 'skills/' },
        ...[...content].reverse().map(([name, data], i) => ({
          name: name.normalize('NFD'),
          data,
          method: 8,
          dosDate: 0x5a21 + i,
          dosTime: 0x1234 * i,
          level: i % 9,
        })),
      ];
      const wrapped: RawZipEntry[] = content.map(([name, data]) => ({
        name: `my-drop/${name}`,
        data,
        method: 8,
      }));
      const results = await Promise.all([
        readZipBundle(writeRawZip(plain)),
        readZipBundle(writeRawZip(shuffled)),
        readZipBundle(writeRawZip(wrapped)),
        readZipBundle(zipFiles(new Map(content.map(([name, data]) => [name, text(data)])))),
      ]);
      for (const result of results.slice(1)) {
        expect(result).toEqual(results[0]);
        expect(result.ok && [...result.tree.files.keys()]).toEqual(
          results[0]!.ok && [...results[0]!.tree.files.keys()],
        );
      }
    });
  });
});
