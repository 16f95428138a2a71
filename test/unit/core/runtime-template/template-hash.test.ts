import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  RuntimeTemplate,
  RuntimeTemplateHash,
  templateHash,
} from '../../../../core/runtime-template/index.js';

/**
 * The golden hash of core/runtime-template/files. Every runtime plan's specHash and image tag change with
 * it: a template edit redeploys every runtime project. Update it on purpose, never to make a test pass.
 */
const GoldenTemplateHash = '8551cd51ac7d884853c66eb69f4bf20d25136c9133915a92e91162fa28ae6da1';

describe('templateHash', () => {
  it('returns the golden hash for the current template', () => {
    expect(RuntimeTemplateHash).toBe(GoldenTemplateHash);
    expect(templateHash(RuntimeTemplate)).toBe(GoldenTemplateHash);
  });

  it('returns SHA-256 over path ‖ 0x00 ‖ bytes ‖ 0x00 per file, sorted by path', () => {
    const expected = createHash('sha256').update('a\0one\0b/c\0two\0').digest('hex');
    expect(templateHash({ 'b/c': 'two', a: 'one' })).toBe(expected);
  });

  it('changes when one byte of a template file changes', () => {
    const source = RuntimeTemplate['agent.mjs']!;
    const edited = { ...RuntimeTemplate, 'agent.mjs': `${source.slice(0, -1)} ` };
    expect(templateHash(edited)).not.toBe(RuntimeTemplateHash);
  });

  it('changes when the Dockerfile or the lockfile changes', () => {
    const dockerfile = RuntimeTemplate.Dockerfile!.replace('node:22-slim', 'node:22-alpine');
    expect(templateHash({ ...RuntimeTemplate, Dockerfile: dockerfile })).not.toBe(RuntimeTemplateHash);
    const lock = RuntimeTemplate['package-lock.json']!.replace(
      '"lockfileVersion": 3',
      '"lockfileVersion": 2',
    );
    expect(templateHash({ ...RuntimeTemplate, 'package-lock.json': lock })).not.toBe(RuntimeTemplateHash);
  });

  it('changes when a file is renamed, even with the same bytes', () => {
    const { 'log.mjs': log, ...rest } = RuntimeTemplate;
    expect(templateHash({ ...rest, 'logs.mjs': log! })).not.toBe(RuntimeTemplateHash);
  });
});
