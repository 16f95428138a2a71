import { describe, expect, it } from 'vitest';
import { wrapperPrefix } from '../../../../core/bundle/unwrap-root.js';

const file = (path: string) => ({ path, isDirectory: false });
const dir = (path: string) => ({ path, isDirectory: true });

describe('wrapperPrefix', () => {
  it('returns the lone directory as a prefix', () => {
    expect(wrapperPrefix([dir('wrap'), file('wrap/agent.md'), file('wrap/x/y')])).toBe('wrap/');
  });

  it.each([
    ['an empty tree', []],
    ['a root file', [file('wrap/agent.md'), file('README.md')]],
    ['two directories', [file('a/agent.md'), dir('b')]],
    ['a lone .managed-agents', [file('.managed-agents/bot/agent.md')]],
    ['a directory named like a marker', [file('CLAUDE.md/x')]],
    ['a lone file', [file('notes.txt')]],
  ])('returns undefined for %s', (_, entries) => {
    expect(wrapperPrefix(entries)).toBeUndefined();
  });
});
