import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
/**
 * The runtime program the compiler ships into every container (read as text, never imported): it runs in
 * the image, so core's rules (no SDK, no clock) do not apply to it.
 */
const containerProgram = 'core/runtime-template/files';

function sources(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(current, name);
      if (relative(root, path) === containerProgram) continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|mts|js|mjs)$/.test(name)) out.push(path);
    }
  };
  walk(join(root, dir));
  return out;
}

/**
 * Real import edges of every source below `dir`, as esbuild resolves them (code inside template
 * strings, such as generated agent source, is not an import). Packages stay external.
 */
function importEdges(dir: string): { from: string; to: string }[] {
  const files = sources(dir);
  if (files.length === 0) return [];
  const { metafile } = buildSync({
    entryPoints: files,
    bundle: true,
    write: false,
    metafile: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    outdir: join(root, '.agentdrop/arch-check'),
    logLevel: 'silent',
  });
  return Object.entries(metafile.inputs).flatMap(([from, input]) =>
    from.startsWith(`${dir}/`) ? input.imports.map((edge) => ({ from, to: edge.path })) : [],
  );
}

/** Import rules of DESIGN §3 and STYLE §2.1: `from` may not import anything matching `forbidden`. */
const rules: [string, RegExp][] = [
  ['core', /^@aws-sdk\/|^(cli|local|functions|infra)\/|^core\/runtime-template\/files\//],
  ['functions', /^(cli|local)\//],
  ['infra', /^(cli|local)\//],
];

describe('architecture', () => {
  for (const [dir, forbidden] of rules) {
    it(`keeps ${dir}/ free of forbidden imports`, () => {
      const offences = importEdges(dir)
        .filter((edge) => forbidden.test(edge.to))
        .map((edge) => `${edge.from} imports ${edge.to}`);
      expect(offences).toEqual([]);
    });
  }

  it('keeps core/ free of clocks and randomness', () => {
    const offences = sources('core').flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [/Date\.now\(/, /new Date\(\)/, /Math\.random\(/, /randomUUID\(/]
        .filter((pattern) => pattern.test(text))
        .map((pattern) => `${relative(root, file)} uses ${pattern.source}`);
    });
    expect(offences).toEqual([]);
  });

  it('finds the sources it checks, without the container program', () => {
    expect(sources('core').length).toBeGreaterThan(20);
    expect(sources('core').filter((file) => relative(root, file).startsWith(containerProgram))).toEqual([]);
  });
});
