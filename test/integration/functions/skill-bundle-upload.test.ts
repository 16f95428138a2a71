import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArtifactStore } from '../../../functions/lib/artifacts.js';
import { type S3Emulator, startS3Emulator } from '../../../local/s3/index.js';
import { clientBase, makeDataDir } from '../local/support.js';

const Bucket = 'agentdrop-artifacts';
const Prefix = `skills/team/${'c'.repeat(64)}/triage-guide/`;
const Files = new Map(
  Object.entries({
    'SKILL.md': '---\nname: triage-guide\ndescription: How to triage\n---\n# Triage\n',
    'labels.csv': 'label,weight\nbug,3\n',
    'scripts/sort.sh': '#!/bin/sh\nsort -r "$1"\n',
  }).map(([path, text]) => [path, new TextEncoder().encode(text)]),
);

describe('ArtifactStore.putSkillBundle (S3 emulator)', () => {
  let data: ReturnType<typeof makeDataDir>;
  let emulator: S3Emulator;
  let s3: S3Client;
  let store: ArtifactStore;
  /** Keys of the PutObject calls that reached the emulator, in order. */
  let puts: string[];
  /** Arms one injected fault once this many PutObject calls have succeeded. */
  let failAfterPuts: number | null;

  beforeEach(async () => {
    data = makeDataDir();
    emulator = await startS3Emulator({ dataDir: data.dataDir, buckets: [Bucket] });
    s3 = new S3Client({ ...clientBase(emulator.endpoint), forcePathStyle: true, maxAttempts: 1 });
    puts = [];
    failAfterPuts = null;
    // Records each PutObject and, after the chosen one landed, makes the emulator fail the next (local/faults).
    s3.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (context.commandName === 'PutObjectCommand') {
          puts.push((args.input as { Key: string }).Key);
          if (puts.length === failAfterPuts) {
            emulator.faults.set('PutObject', { kind: 'server_error' });
            failAfterPuts = null;
          }
        }
        return result;
      },
      { step: 'initialize', name: 'recordPuts' },
    );
    store = new ArtifactStore(s3, Bucket);
  });

  afterEach(async () => {
    s3.destroy();
    await emulator.stop();
    data.remove();
  });

  async function keysUnderPrefix(): Promise<string[]> {
    const { Contents } = await s3.send(new ListObjectsV2Command({ Bucket, Prefix }));
    return (Contents ?? []).map((object) => object.Key!.slice(Prefix.length)).sort();
  }

  describe('when the upload is cut off after the first file', () => {
    it('leaves no SKILL.md marker, and the next run completes the prefix with the marker last', async () => {
      failAfterPuts = 1;
      await expect(store.putSkillBundle(Prefix, Files)).rejects.toMatchObject({ name: 'InternalError' });
      // The listing finds what landed, so the marker's absence below is real.
      expect(await keysUnderPrefix()).toEqual(['labels.csv']);

      puts = [];
      await store.putSkillBundle(Prefix, Files);
      expect(puts).toEqual([`${Prefix}scripts/sort.sh`, `${Prefix}SKILL.md`]);
      expect(await keysUnderPrefix()).toEqual(['SKILL.md', 'labels.csv', 'scripts/sort.sh']);
      for (const [path, bytes] of Files) {
        const { Body } = await s3.send(new GetObjectCommand({ Bucket, Key: `${Prefix}${path}` }));
        expect([path, Buffer.from(await Body!.transformToByteArray()).equals(bytes)]).toEqual([path, true]);
      }
    });
  });

  describe('when a prefix holds its marker but misses a file', () => {
    it('uploads the missing files and leaves the rest alone', async () => {
      await s3.send(new PutObjectCommand({ Bucket, Key: `${Prefix}SKILL.md`, Body: Files.get('SKILL.md') }));
      puts = [];
      await store.putSkillBundle(Prefix, Files);
      expect(puts).toEqual([`${Prefix}labels.csv`, `${Prefix}scripts/sort.sh`]);
      expect(await keysUnderPrefix()).toEqual(['SKILL.md', 'labels.csv', 'scripts/sort.sh']);
    });
  });

  describe('when the prefix is complete', () => {
    it('writes nothing', async () => {
      await store.putSkillBundle(Prefix, Files);
      puts = [];
      await store.putSkillBundle(Prefix, Files);
      expect(puts).toEqual([]);
    });
  });
});
