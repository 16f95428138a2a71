import { describe, expect, it } from 'vitest';
import { findPathConflicts } from '../../../../core/bundle/path-conflicts.js';

const file = (path: string) => ({ path, isDirectory: false });
const dir = (path: string) => ({ path, isDirectory: true });

describe('findPathConflicts', () => {
  it('returns nothing for a consistent tree', () => {
    expect(findPathConflicts([dir('a'), file('a/b'), file('a/c'), dir('d'), file('e')])).toEqual([]);
  });

  it('returns one duplicate per path, whatever its kind', () => {
    expect(
      findPathConflicts([file('a'), dir('a'), file('a'), dir('b'), dir('b')]).map((d) => [d.code, d.where]),
    ).toEqual([
      ['bundle.duplicate_entry', 'a'],
      ['bundle.duplicate_entry', 'b'],
    ]);
  });

  it('returns a conflict for a file that is also a parent directory', () => {
    expect(findPathConflicts([file('a/b/c'), file('a/b')])).toEqual([
      {
        level: 'error',
        code: 'bundle.path_conflict',
        where: 'a/b',
        message:
          'entry "a/b" is a file but also the directory of "a/b/c"; a path must be either a file or a directory',
      },
    ]);
  });

  it('returns case conflicts between implied directories, independent of entry order', () => {
    const forward = findPathConflicts([file('Skills/x.md'), file('skills/y.md')]);
    const backward = findPathConflicts([file('skills/y.md'), file('Skills/x.md')]);
    expect(forward).toEqual(backward);
    expect(forward).toEqual([
      {
        level: 'error',
        code: 'bundle.path_conflict',
        where: 'skills',
        message:
          'entry "skills" and "Skills" are equal under case folding; paths must differ in more than letter case',
      },
    ]);
  });

  it('folds beyond ASCII', () => {
    expect(findPathConflicts([file('STRASSE.md'), file('stra\u00dfe.md')]).map((d) => d.code)).toEqual([
      'bundle.path_conflict',
    ]);
  });
});
