import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../cli/main.js';

export const RepoRoot = join(import.meta.dirname, '../..');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured output (non-TTY, NO_COLOR), with `env` as its whole environment. */
export async function runCli(
  argv: readonly string[],
  cwd = RepoRoot,
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    isTty: false,
    env: { NO_COLOR: '1', ...env },
    cwd,
  });
  return { code, stdout, stderr };
}

/**
 * Runs the real `agentdrop` bin as a child process, as a user would. `watch` sees stdout as it grows (e.g. to
 * send a signal once a line appears).
 */
export function runBin(
  argv: readonly string[],
  env: Record<string, string> = {},
  watch?: (stdout: string, child: ChildProcess) => void,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(RepoRoot, 'bin/agentdrop.js'), ...argv], {
      cwd: RepoRoot,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      watch?.(stdout, child);
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
