import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { CliIo } from '../io.js';

/** The package name the agentdrop repository itself carries: a clone is a project of its own. */
const RepositoryPackageName = 'agentdrop-aws';

/**
 * Where the local cloud keeps its state between commands (README "Where the local cloud lives"):
 * 1. `AGENTDROP_LOCAL_DIR`, resolved against the working directory;
 * 2. inside a project, `<project>/.agentdrop/local`, the project being the nearest folder at or above the
 *    working directory that holds `.agentdrop/` or is the agentdrop repository itself;
 * 3. else one per user, under the platform's state directory: `$XDG_STATE_HOME/agentdrop/local`
 *    (`~/.local/state/agentdrop/local`), `~/Library/Application Support/agentdrop/local` on macOS,
 *    `%LOCALAPPDATA%\agentdrop\local` on Windows.
 */
export function localDataDir(io: Pick<CliIo, 'cwd' | 'env'>, platform: string = process.platform): string {
  const configured = io.env.AGENTDROP_LOCAL_DIR;
  if (configured) return resolve(io.cwd, configured);
  const project = findProjectDir(resolve(io.cwd));
  if (project !== null) return join(project, '.agentdrop', 'local');
  return join(userStateDir(io.env, platform), 'agentdrop', 'local');
}

function findProjectDir(start: string): string | null {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.agentdrop')) || isAgentdropRepository(dir)) return dir;
    if (dirname(dir) === dir) return null;
  }
}

function isAgentdropRepository(dir: string): boolean {
  const manifest = join(dir, 'package.json');
  if (!existsSync(join(dir, 'cli', 'main.ts')) || !existsSync(manifest)) return false;
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === RepositoryPackageName;
  } catch {
    return false;
  }
}

/** The platform's per-user state directory (XDG on Linux, Application Support on macOS, LOCALAPPDATA on Windows). */
export function userStateDir(env: CliIo['env'], platform: string = process.platform): string {
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'win32') return env.LOCALAPPDATA || join(home, 'AppData', 'Local');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  // XDG: a relative XDG_STATE_HOME is invalid and ignored.
  const xdg = env.XDG_STATE_HOME;
  return xdg?.startsWith('/') ? xdg : join(home, '.local', 'state');
}
