import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostileDropLimits, makeHostileDrops } from '../fixtures/make-hostile-drops.js';
import { runBin, runCli } from '../support/run-cli.js';

/** The bundle code each hostile case must fail with, from its name. */
const expectedCode = (name: string): string =>
  // A bomb whose declared size lies is caught as a size mismatch: inflation stops at the declared size.
  name === 'compression-ratio-lying'
    ? 'bundle.size_mismatch'
    : `bundle.${name
        .replace(
          /^(not-zip|corrupt|too-large|too-many-entries|entry-too-large|size-mismatch|compression-ratio|unsafe-path|name-encoding|symlink|special-file|duplicate-entry|path-conflict|encrypted|unsupported-compression).*$/,
          '$1',
        )
        .replace(/-/g, '_')}`;

describe('agentdrop plan on hostile drops', () => {
  let drops: Record<string, string> = {};
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agentdrop-hostile-'));
    drops = await makeHostileDrops(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fails every hostile drop with exit 1, its own code and a one-line reason', async () => {
    const cases = Object.entries(drops).filter(([name]) => !(name in HostileDropLimits));
    expect(cases.length).toBeGreaterThan(25);
    for (const [name, path] of cases) {
      const run = await runCli(['plan', path, '--project', 'hostile']);
      const code = expectedCode(name);
      expect([name, run.code]).toEqual([name, 1]);
      const errors = run.stdout.split('\n').filter((line) => line.startsWith('    bundle.'));
      expect(errors.length, `${name}: ${run.stdout}`).toBeGreaterThan(0);
      expect(
        errors.every((line) => line.startsWith(`    ${code}  `)),
        `${name}: ${errors.join('\n')}`,
      ).toBe(true);
      expect(run.stdout).toContain('Deployable: no');
      expect(run.stderr).toBe('');
    }
  });

  it('runs as a real process: exit 1 and no stack trace for a symlink drop', async () => {
    const run = await runBin(['plan', drops.symlink!]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('bundle.symlink');
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at /);
  });

  it('runs as a real process: exit 0 for the team example', async () => {
    const run = await runBin(['plan', 'examples/team']);
    expect([run.code, run.stdout.includes('Deployable: yes')]).toEqual([0, true]);
  });
});
