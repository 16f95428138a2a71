import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syntheticDrop } from '../../../../bench/synthetic-drop.js';
import {
  type FileTree,
  fileSize,
  OnDemandFiles,
  readDirectoryBundle,
  readZipBundle,
  readZipFile,
  zipFiles,
} from '../../../../core/bundle/index.js';
import { planDeploy } from '../../../../core/plan/index.js';

const examples = join(import.meta.dirname, '../../../../examples');

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'agentdrop-on-demand-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function writeFiles(dir: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  for (const [path, bytes] of files) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), bytes);
  }
}

function treeOf(result: Awaited<ReturnType<typeof readDirectoryBundle>>): FileTree {
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.tree;
}

describe('reading a drop with onDemand', () => {
  it.each(['single', 'team'])('plans an example exactly as the eager tree does (%s)', async (name) => {
    const eager = await readDirectoryBundle(join(examples, name));
    const onDemand = await readDirectoryBundle(join(examples, name), undefined, { onDemand: true });
    expect(treeOf(onDemand).files).toBeInstanceOf(OnDemandFiles);
    expect(planDeploy(onDemand, { project: name })).toEqual(planDeploy(eager, { project: name }));
  });

  it('gives the same plan, spec hash and skill hashes as a folder and as a zip', async () => {
    const files = syntheticDrop({ agents: 12, coordinators: 3, skills: 40, skillFileBytes: 3_000 });
    const dir = join(root, 'drop');
    await writeFiles(dir, files);
    const archive = zipFiles(files);
    const eager = planDeploy(await readZipBundle(archive), { project: 'drop' });
    const fromFolder = planDeploy(await readDirectoryBundle(dir, undefined, { onDemand: true }), {
      project: 'drop',
    });
    const fromZip = planDeploy(await readZipBundle(archive, undefined, { onDemand: true }), {
      project: 'drop',
    });
    await writeFile(join(root, 'drop.zip'), archive);
    const fromZipFile = planDeploy(readZipFile(join(root, 'drop.zip'), undefined, { onDemand: true }), {
      project: 'drop',
    });
    expect(eager.specHash).not.toBeNull();
    expect(fromFolder).toEqual(eager);
    expect(fromZip).toEqual(eager);
    expect(fromZipFile).toEqual(eager);
  });

  it('knows sizes without reading, and reads the same bytes as the eager tree', async () => {
    const files = new Map([
      ['agent.md', new TextEncoder().encode('# Agent\n')],
      ['skills/review/SKILL.md', new TextEncoder().encode('---\ndescription: d\n---\nbody')],
      ['skills/review/big.bin', new Uint8Array(200_000).map((_, i) => i % 251)],
      ['skills/review/stored.txt', new Uint8Array(0)],
    ]);
    await writeFiles(join(root, 'drop'), files);
    await writeFile(join(root, 'drop.zip'), zipFiles(files));
    for (const result of [
      await readDirectoryBundle(join(root, 'drop'), undefined, { onDemand: true }),
      await readZipBundle(zipFiles(files), undefined, { onDemand: true }),
      readZipFile(join(root, 'drop.zip'), undefined, { onDemand: true }),
      readZipFile(join(root, 'drop.zip')),
    ]) {
      const tree = treeOf(result);
      const onDemand = tree.files;
      expect([...onDemand.keys()]).toEqual([...files.keys()].sort());
      expect(onDemand.size).toBe(files.size);
      expect(fileSize(tree.files, 'skills/review/big.bin')).toBe(200_000);
      expect(onDemand.has('missing')).toBe(false);
      expect(onDemand.get('missing')).toBeUndefined();
      expect(new Map(onDemand)).toEqual(files);
    }
  });

  it('refuses a folder file that changed size after the scan', async () => {
    await writeFile(join(root, 'agent.md'), '# Agent\n');
    const tree = treeOf(await readDirectoryBundle(root, undefined, { onDemand: true }));
    await writeFile(join(root, 'agent.md'), '# Agent, longer now\n');
    expect(() => tree.files.get('agent.md')).toThrow(/bundle\.size_mismatch/);
  });

  it('refuses a zip entry whose archive file changed after the scan', async () => {
    const archive = join(root, 'drop.zip');
    const text = (value: string) => new TextEncoder().encode(value);
    await writeFile(archive, zipFiles(new Map([['agent.md', text('# Agent A\n')]])));
    const tree = treeOf(readZipFile(archive, undefined, { onDemand: true }));
    expect(new TextDecoder().decode(tree.files.get('agent.md'))).toBe('# Agent A\n');
    await writeFile(archive, zipFiles(new Map([['agent.md', text('# Agent B\n')]])));
    expect(() => tree.files.get('agent.md')).toThrow(/bundle\.corrupt: entry "agent\.md" changed/);
  });
});
