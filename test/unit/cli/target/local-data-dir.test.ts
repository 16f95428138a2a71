import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localDataDir } from '../../../../cli/target/local-data-dir.js';
import { RepoRoot } from '../../../support/run-cli.js';

const outside = mkdtempSync(join(tmpdir(), 'agentdrop-datadir-'));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

describe('localDataDir', () => {
  it('returns AGENTDROP_LOCAL_DIR resolved against the working directory', () => {
    expect(localDataDir({ cwd: outside, env: { AGENTDROP_LOCAL_DIR: 'cloud' } })).toBe(
      join(outside, 'cloud'),
    );
  });

  it('returns the repository .agentdrop/local from anywhere in a clone', () => {
    expect(localDataDir({ cwd: join(RepoRoot, 'examples', 'team'), env: {} })).toBe(
      join(RepoRoot, '.agentdrop', 'local'),
    );
  });

  it('returns the nearest project with a .agentdrop folder', () => {
    const project = join(outside, 'project');
    mkdirSync(join(project, '.agentdrop'), { recursive: true });
    mkdirSync(join(project, 'agents', 'a'), { recursive: true });
    expect(localDataDir({ cwd: join(project, 'agents', 'a'), env: { HOME: '/home/u' } })).toBe(
      join(project, '.agentdrop', 'local'),
    );
  });

  describe('when outside any project', () => {
    const cwd = join(outside, 'plain');
    mkdirSync(cwd, { recursive: true });

    it('returns the XDG state directory on Linux', () => {
      expect(localDataDir({ cwd, env: { HOME: '/home/u', XDG_STATE_HOME: '/state' } }, 'linux')).toBe(
        '/state/agentdrop/local',
      );
      expect(localDataDir({ cwd, env: { HOME: '/home/u', XDG_STATE_HOME: 'rel' } }, 'linux')).toBe(
        '/home/u/.local/state/agentdrop/local',
      );
    });

    it('returns Application Support on macOS and LOCALAPPDATA on Windows', () => {
      expect(localDataDir({ cwd, env: { HOME: '/Users/u' } }, 'darwin')).toBe(
        '/Users/u/Library/Application Support/agentdrop/local',
      );
      expect(localDataDir({ cwd, env: { HOME: '/u', LOCALAPPDATA: '/lad' } }, 'win32')).toBe(
        join('/lad', 'agentdrop', 'local'),
      );
    });
  });
});
