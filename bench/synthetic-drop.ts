import { createHash } from 'node:crypto';

/** Shape of the synthetic drop of the planner benchmark. */
export interface SyntheticDropOptions {
  /** Agents in all. @default 200 */
  readonly agents?: number;
  /** Coordinators among them; the first is the entry. @default 10 */
  readonly coordinators?: number;
  /** Skills of three files each, spread over the agents. @default 2000 */
  readonly skills?: number;
  /** Bytes of each skill file. @default 8_300 (2,000 skills ≈ 50 MB) */
  readonly skillFileBytes?: number;
}

const Words = [
  'agent',
  'deploy',
  'skill',
  'runtime',
  'harness',
  'bucket',
  'event',
  'lambda',
  'plan',
  'image',
];

/** Deterministic prose that compresses about 3:1, like real text (well inside the ratio limit). */
function prose(seed: string, bytes: number): string {
  let out = '';
  let block = createHash('sha256').update(seed).digest();
  while (out.length < bytes) {
    for (const byte of block) out += `${Words[byte % Words.length]}${byte % 7 === 0 ? '.\n' : ' '}`;
    block = createHash('sha256').update(block).digest();
  }
  return out.slice(0, bytes);
}

/**
 * A large team drop as files: coordinators delegate to the next coordinators and to specialists; every
 * agent owns an equal share of the skills (SKILL.md, reference.md, data.csv each).
 */
export function syntheticDrop(options: SyntheticDropOptions = {}): Map<string, Uint8Array> {
  const agents = options.agents ?? 200;
  const coordinators = options.coordinators ?? 10;
  const skills = options.skills ?? 2000;
  const fileBytes = options.skillFileBytes ?? 8_300;
  const encoder = new TextEncoder();
  const files = new Map<string, Uint8Array>();
  const names = Array.from({ length: agents }, (_, i) =>
    i < coordinators ? `coordinator-${i}` : `specialist-${i}`,
  );
  const specialistsPer = Math.ceil((agents - coordinators) / coordinators);
  names.forEach((name, i) => {
    const subagents: string[] = [];
    if (i < coordinators) {
      if (i === 0) subagents.push(...names.slice(1, coordinators));
      const first = coordinators + i * specialistsPer;
      subagents.push(...names.slice(first, Math.min(first + specialistsPer, agents)));
    }
    const frontmatter = [
      '---',
      `description: ${name} of the synthetic benchmark team.`,
      `model: ${i % 2 === 0 ? 'claude-sonnet-4-5' : 'claude-haiku-4-5'}`,
      `tools: [read, grep${i % 3 === 0 ? ', web_fetch' : ''}]`,
      `subagents: [${subagents.join(', ')}]`,
      '---',
    ].join('\n');
    files.set(`.managed-agents/${name}/agent.md`, encoder.encode(`${frontmatter}\n${prose(name, 2_000)}\n`));
  });
  for (let s = 0; s < skills; s++) {
    const owner = names[s % agents]!;
    const dir = `.managed-agents/${owner}/skills/skill-${s}`;
    files.set(
      `${dir}/SKILL.md`,
      encoder.encode(
        `---\nname: skill-${s}\ndescription: Synthetic skill ${s}.\n---\n${prose(`${s}a`, fileBytes)}`,
      ),
    );
    files.set(`${dir}/reference.md`, encoder.encode(prose(`${s}b`, fileBytes)));
    files.set(`${dir}/data.csv`, encoder.encode(prose(`${s}c`, fileBytes)));
  }
  return files;
}
