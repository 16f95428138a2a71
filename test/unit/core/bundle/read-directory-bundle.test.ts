import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDirectoryBundle, readZipBundle, zipFiles } from '../../../../core/bundle/index.js';
import { writeRawZip } from '../../../fixtures/raw-zip-writer.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'agentdrop-bundle-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function writeTree(files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

describe('readDirectoryBundle', () => {
  describe('when the directory is well formed', () => {
    const files = {
      'agent.md': '# Agent\n',
      'skills/review/SKILL.md': '---\nname: review\n---\n',
      'knowledge/guide.md': 'Be kind.\n',
      'caf\u00e9.md': 'coffee',
    };

    it('returns the same tree as a zip of the same content', async () => {
      await writeTree(files);
      const fromDirectory = await readDirectoryBundle(root);
      const encoded = new Map(
        Object.entries(files).map(([path, data]) => [path, new TextEncoder().encode(data)]),
      );
      const fromZip = await readZipBundle(zipFiles(encoded));
      expect(fromDirectory).toEqual(fromZip);
      expect(fromDirectory.ok && [...fromDirectory.tree.files.keys()]).toEqual([
        'agent.md',
        'caf\u00e9.md',
        'knowledge/guide.md',
        'skills/review/SKILL.md',
      ]);
    });

    it('lists empty folders, as a zip with their directory entries does', async () => {
      await writeTree(files);
      await mkdir(join(root, 'empty'));
      await mkdir(join(root, 'skills/draft/notes'), { recursive: true });
      const fromDirectory = await readDirectoryBundle(root);
      const fromZip = await readZipBundle(
        writeRawZip([
          ...Object.entries(files).map(([name, data]) => ({ name, data })),
          { name: 'empty/' },
          { name: 'skills/' },
          { name: 'skills/draft/' },
          { name: 'skills/draft/notes/' },
        ]),
      );
      expect(fromDirectory).toEqual(fromZip);
      expect(fromDirectory.ok && fromDirectory.tree.emptyDirectories).toEqual([
        'empty',
        'skills/draft/notes',
      ]);
    });

    it('unwraps a lone directory and drops OS metadata', async () => {
      await writeTree({ 'bot/agent.md': 'a', 'bot/.DS_Store': 'meta', '__MACOSX/bot/._agent.md': 'meta' });
      const result = await readDirectoryBundle(root);
      expect(result.ok && Object.fromEntries(result.tree.files)).toEqual({
        'agent.md': new TextEncoder().encode('a'),
      });
      expect(result.diagnostics).toEqual([
        {
          level: 'info',
          code: 'bundle.ignored_entries',
          where: 'project',
          message: 'ignored 4 OS metadata entries (__MACOSX/, .DS_Store, Thumbs.db)',
        },
      ]);
    });
  });

  describe('when the directory is hostile', () => {
    it('fails a symlink without following it', async () => {
      await writeTree({ 'agent.md': 'a' });
      await symlink('/etc', join(root, 'etc'));
      const result = await readDirectoryBundle(root);
      expect(result).toEqual({
        ok: false,
        diagnostics: [
          {
            level: 'error',
            code: 'bundle.symlink',
            where: 'etc',
            message: 'entry "etc" is a symbolic link; links are not allowed',
          },
        ],
      });
    });

    it('fails a FIFO', async () => {
      await writeTree({ 'agent.md': 'a' });
      execFileSync('mkfifo', [join(root, 'pipe')]);
      const result = await readDirectoryBundle(root);
      expect(result.diagnostics.map((d) => [d.code, d.where, d.message])).toEqual([
        ['bundle.special_file', 'pipe', 'entry "pipe" is a FIFO; only files and directories are allowed'],
      ]);
    });

    it('fails a name that is not UTF-8, with its bytes', async () => {
      await writeTree({ 'agent.md': 'a', 'sub/x': 'x' });
      await writeFile(Buffer.concat([Buffer.from(join(root, 'sub/')), Buffer.of(0x61, 0xff)]), 'x');
      const result = await readDirectoryBundle(root);
      expect(result.diagnostics.map((d) => [d.code, d.where])).toEqual([
        ['bundle.name_encoding', 'hex:7375622f61ff'],
      ]);
    });

    it('fails a backslash, an NFC duplicate and a case conflict', async () => {
      await writeTree({
        'a\\b': 'x',
        'caf\u00e9.md': '1',
        'cafe\u0301.md': '2',
        'Notes.md': '1',
        'notes.md': '2',
      });
      const result = await readDirectoryBundle(root);
      expect(result.diagnostics.map((d) => [d.code, d.where])).toEqual([
        ['bundle.unsafe_path', 'a\\\\b'],
        ['bundle.duplicate_entry', 'caf\u00e9.md'],
        ['bundle.path_conflict', 'notes.md'],
      ]);
    });

    it('fails too many entries, a large file and a large total', async () => {
      await writeTree({ 'a.txt': 'x'.repeat(50), 'b.txt': 'x'.repeat(50), 'c/d.txt': 'x' });
      expect((await readDirectoryBundle(root, { maxEntries: 3 })).diagnostics.map((d) => d.code)).toEqual([
        'bundle.too_many_entries',
      ]);
      expect(
        (await readDirectoryBundle(root, { maxEntryBytes: 40 })).diagnostics.map((d) => [d.code, d.where]),
      ).toEqual([
        ['bundle.entry_too_large', 'a.txt'],
        ['bundle.entry_too_large', 'b.txt'],
      ]);
      expect((await readDirectoryBundle(root, { maxTotalBytes: 100 })).diagnostics).toEqual([
        {
          level: 'error',
          code: 'bundle.too_large',
          where: 'project',
          message: 'the directory holds 101 bytes in total; the limit is 100 bytes',
        },
      ]);
    });
  });
});
