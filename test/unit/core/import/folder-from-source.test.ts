import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDirectoryBundle } from '../../../../core/bundle/index.js';
import { folderFromSource, type ImportSource } from '../../../../core/import/index.js';
import { type Plan, type PlanOptions, planDeploy } from '../../../../core/plan/index.js';

const Repo = join(import.meta.dirname, '../../../..');

describe('folderFromSource', () => {
  let scratch = '';
  let count = 0;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'agentdrop-import-unit-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  const planOf = async (dir: string, options: PlanOptions): Promise<Plan> =>
    planDeploy(await readDirectoryBundle(dir), options);
  const writeTree = async (files: ReadonlyMap<string, Uint8Array | string>): Promise<string> => {
    const dir = join(scratch, `tree-${count++}`);
    for (const [path, bytes] of files) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), bytes);
    }
    return dir;
  };
  /** The source an import reads back from the cloud: the plan, with the skill bytes from the folder. */
  const sourceOf = async (plan: Plan, dir: string): Promise<ImportSource> => ({
    ...plan,
    skills: await Promise.all(
      plan.skillBundles.map(async (bundle) => ({
        ...bundle,
        files: new Map(
          await Promise.all(
            bundle.files.map(async (path) => [path, await readFile(join(dir, bundle.source, path))] as const),
          ),
        ),
      })),
    ),
  });
  const roundTrip = async (dir: string, options: PlanOptions) => {
    const deployed = await planOf(dir, options);
    const folder = folderFromSource(await sourceOf(deployed, dir));
    const again = await planOf(await writeTree(folder.files), { project: options.project });
    return { deployed, again, folder };
  };

  describe.each([
    ['examples/single', 'support'],
    ['examples/team', 'review'],
    ['templates/single', 'demo'],
    ['templates/team', 'crew'],
  ])('when the deployed folder is %s', (path, project) => {
    it('writes a folder that plans to the same specHash', async () => {
      const { deployed, again, folder } = await roundTrip(join(Repo, path), { project });
      expect(deployed.deployable).toBe(true);
      expect([again.deployable, again.specHash, again.mode]).toEqual([
        true,
        deployed.specHash,
        deployed.mode,
      ]);
      expect(folder.notes).toEqual([]);
    });
  });

  it("keeps a code package and memory strategies, both part of a runtime's specHash", async () => {
    const dir = await writeTree(
      new Map([
        ['.managed-agents/lead/agent.md', '---\nname: lead\nsubagents: [helper]\n---\nLead.\n'],
        ['.managed-agents/helper/agent.md', '---\nname: helper\n---\nHelp.\n'],
        [
          'agentdrop.yaml',
          'runtime: {artifact: code}\nmemory: {enabled: true, strategies: [semantic, summary]}\n',
        ],
      ]),
    );
    const { deployed, again, folder } = await roundTrip(dir, { project: 'crew' });
    expect([deployed.mode, deployed.code !== undefined, deployed.memoryStrategies]).toEqual([
      'runtime',
      true,
      ['semantic', 'summary'],
    ]);
    expect([again.specHash, again.code, again.memoryStrategies]).toEqual([
      deployed.specHash,
      deployed.code,
      deployed.memoryStrategies,
    ]);
    expect(folder.notes).toEqual([]);
  });

  it('names the project in agentdrop.yaml when asked, so the folder plans under it whatever its name', async () => {
    const deployed = await planOf(join(Repo, 'examples/single'), { project: 'support' });
    const folder = folderFromSource(await sourceOf(deployed, join(Repo, 'examples/single')), {
      project: 'support',
    });
    expect(new TextDecoder().decode(folder.files.get('agentdrop.yaml'))).toMatch(/^project: support$/m);
    const dir = await writeTree(folder.files);
    const elsewhere = await planOf(dir, { project: 'other' });
    expect(elsewhere.diagnostics.map((d) => d.code)).toContain('project.name_mismatch');
    expect(elsewhere.deployable).toBe(false);
    expect((await planOf(dir, { project: 'support' })).specHash).toBe(deployed.specHash);
  });

  it('recovers inlined knowledge as files, in a folder that keeps its region and forced mode', async () => {
    const dir = await writeTree(
      new Map([
        ['agent.md', '---\nname: solo\n---\nAnswer from the notes.\n'],
        ['knowledge/a.md', 'Line with ```` fences\r\n\n\n'],
        ['knowledge/b.txt', ''],
        ['agentdrop.yaml', 'mode: runtime\nregion: eu-central-1\n'],
      ]),
    );
    const { deployed, again, folder } = await roundTrip(dir, { project: 'solo' });
    expect([deployed.mode, again.specHash, again.region]).toEqual([
      'runtime',
      deployed.specHash,
      'eu-central-1',
    ]);
    expect(new TextDecoder().decode(folder.files.get('knowledge/a.md'))).toBe('Line with ```` fences\n');
    expect([...folder.files.keys()]).toEqual([
      'agent.md',
      'agentdrop.yaml',
      'knowledge/a.md',
      'knowledge/b.txt',
    ]);
  });

  describe("writes mode: from who chose it, never from the plan's wording", () => {
    const solo = ['agent.md', '---\nname: solo\n---\nHelp.\n'] as const;
    const lead = ['.managed-agents/lead/agent.md', '---\nsubagents: [helper]\n---\nLead.\n'] as const;
    const helper = ['.managed-agents/helper/agent.md', '---\nname: helper\n---\nHelp.\n'] as const;
    const code = 'runtime: {artifact: code}\n';
    // [case, files, manifest, requested by a flag, mode: line expected, deployed mode, code package]
    it.each([
      ['harness the manifest chose', [solo], 'mode: harness\n', undefined, 'harness', 'harness', false],
      ['harness chosen by auto', [solo], '', undefined, null, 'harness', false],
      [
        'runtime container the manifest chose',
        [lead, helper],
        'mode: runtime\n',
        undefined,
        'runtime',
        'runtime',
        false,
      ],
      ['runtime container chosen by auto', [lead, helper], '', undefined, null, 'runtime', false],
      ['runtime container a flag chose', [solo], '', 'runtime', 'runtime', 'runtime', false],
      [
        'runtime code the manifest chose',
        [lead, helper],
        `mode: runtime\n${code}`,
        undefined,
        'runtime',
        'runtime',
        true,
      ],
      ['runtime code chosen by auto', [lead, helper], code, undefined, null, 'runtime', true],
      ['runtime code a flag chose', [solo], code, 'runtime', 'runtime', 'runtime', true],
    ] as const)('%s', async (_, agents, manifest, requested, line, mode, isCode) => {
      const dir = await writeTree(new Map([...agents, ['agentdrop.yaml', manifest]]));
      const deployed = await planOf(dir, { project: 'crew', ...(requested ? { mode: requested } : {}) });
      expect([deployed.mode, deployed.code !== undefined]).toEqual([mode, isCode]);
      // Reworded reason: the decision must not depend on it.
      const folder = folderFromSource(await sourceOf({ ...deployed, reason: 'worded otherwise' }, dir));
      const yaml = new TextDecoder().decode(folder.files.get('agentdrop.yaml'));
      expect(yaml.match(/^mode: (.*)$/m)?.[1] ?? null).toBe(line);
      const again = await planOf(await writeTree(folder.files), { project: 'crew' });
      expect([again.mode, again.specHash]).toEqual([mode, deployed.specHash]);
      expect(again.modeSource).toBe(line === null ? 'auto' : 'manifest');
    });

    it('writes a mode that differs from auto when the recorded plan predates modeSource', async () => {
      const dir = await writeTree(new Map([solo]));
      const { modeSource: _, ...recorded } = await planOf(dir, { project: 'crew', mode: 'runtime' });
      const folder = folderFromSource(await sourceOf(recorded, dir));
      expect(new TextDecoder().decode(folder.files.get('agentdrop.yaml'))).toMatch(/^mode: runtime$/m);
    });
  });

  it('copies a skill two agents use from one agent folder into both', async () => {
    const dir = await writeTree(
      new Map([
        ['.managed-agents/lead/agent.md', '---\nsubagents: [helper]\n---\nLead.\n'],
        ['.managed-agents/lead/skills/tone/SKILL.md', '---\nname: tone\ndescription: Tone.\n---\nBe kind.\n'],
        ['.managed-agents/helper/agent.md', '---\nskills: [tone]\ntools: [bash:ask]\n---\nHelp.\n'],
        [
          '.managed-agents/helper/skills/tone/SKILL.md',
          '---\nname: tone\ndescription: Tone.\n---\nBe kind.\n',
        ],
      ]),
    );
    const { deployed, again, folder } = await roundTrip(dir, { project: 'pair' });
    expect([deployed.skillBundles[0]?.usedBy, again.specHash]).toEqual([
      ['helper', 'lead'],
      deployed.specHash,
    ]);
    expect([...folder.files.keys()].filter((path) => path.includes('/skills/'))).toEqual([
      '.managed-agents/helper/skills/tone/SKILL.md',
      '.managed-agents/lead/skills/tone/SKILL.md',
    ]);
  });

  it('notes knowledge the deployed prompt left out and a skill whose bytes changed', async () => {
    const dir = await writeTree(
      new Map([
        ['agent.md', '---\nknowledge: skip\n---\nHi.\n'],
        ['knowledge/a.md', 'A\n'],
        ['skills/s/SKILL.md', '---\nname: s\ndescription: S.\n---\nS.\n'],
      ]),
    );
    const deployed = await planOf(dir, { project: 'notes' });
    const source = await sourceOf(deployed, dir);
    const folder = folderFromSource({
      ...source,
      skills: source.skills.map((skill) => ({
        ...skill,
        files: new Map([['SKILL.md', new Uint8Array([1])]]),
      })),
    });
    expect(folder.notes.map((note) => [note.code, note.where])).toEqual([
      ['import.skill_changed', 'skill:s'],
      ['import.knowledge_omitted', 'agent:notes'],
    ]);
  });
});
