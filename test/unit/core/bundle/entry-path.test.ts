import { describe, expect, it } from 'vitest';
import { unsafePathReason } from '../../../../core/bundle/entry-path.js';

describe('unsafePathReason', () => {
  it.each([
    'agent.md',
    'skills/review/SKILL.md',
    'dir/',
    '.managed-agents/bot/agent.md',
    'a..b',
    'ab:c',
    '...',
  ])('returns undefined for %j', (name) => {
    expect(unsafePathReason(name)).toBeUndefined();
  });

  it.each([
    ['', 'the name is empty'],
    ['/etc/passwd', "it starts with '/' (absolute path)"],
    ['C:/x', 'it starts with a drive letter'],
    ['c:x', 'it starts with a drive letter'],
    ['a\\b', 'it contains a backslash'],
    ['a\u0000b', 'it contains a control character'],
    ['a\u007fb', 'it contains a control character'],
    ['a\u0085b', 'it contains a control character'],
    ['a//b', 'it has an empty segment'],
    ['dir//', 'it has an empty segment'],
    ['./a', "it has a '.' segment"],
    ['a/..', "it has a '..' segment (path traversal)"],
    ['../a/', "it has a '..' segment (path traversal)"],
  ])('returns a reason for %j', (name, reason) => {
    expect(unsafePathReason(name)).toBe(reason);
  });
});
