import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LocalEndpoints, readEndpointFile } from '../../local/endpoints/index.js';
import { packageRoot } from '../package-root.js';
import { LocalCloudNotStarted } from './errors.js';

/** The file a detached local cloud writes its output to, in its data directory. */
const LogFileName = 'local-cloud.log';

/** Options of {@link startDetached}. */
export interface StartDetachedOptions {
  readonly dataDir: string;
  /** Arguments of `agentdrop local start` besides `--data` (`--port`, `--fault`). */
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** How long to wait for the endpoint file. @default 60_000 */
  readonly timeoutMs?: number;
}

/**
 * Starts `agentdrop local start` as a detached background process (its own session, output appended to
 * `<dataDir>/local-cloud.log`) and resolves with its endpoints once it has written its endpoint file.
 * @throws LocalCloudNotStarted when it exits first or is not ready within `timeoutMs`.
 */
export async function startDetached(options: StartDetachedOptions): Promise<LocalEndpoints> {
  const logFile = join(options.dataDir, LogFileName);
  const log = openSync(logFile, 'a');
  const argv = [
    join(packageRoot(), 'bin', 'agentdrop.js'),
    'local',
    'start',
    '--data',
    options.dataDir,
    '--log-file',
    logFile,
    ...options.args,
  ];
  const child = spawn(process.execPath, argv, {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...options.env },
  });
  closeSync(log);
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    exited = signal ? `it was killed by ${signal}` : `it exited with code ${code}`;
  });
  child.once('error', (error) => {
    exited = error.message;
  });
  const timeoutMs = options.timeoutMs ?? 60_000;
  const started = performance.now();
  try {
    for (;;) {
      const endpoints = readEndpointFile(options.dataDir);
      if (endpoints !== null && endpoints.pid === child.pid) return endpoints;
      if (exited !== null)
        throw new LocalCloudNotStarted(options.dataDir, `${exited}${lastLine(logFile)}`, logFile);
      if (performance.now() - started > timeoutMs) {
        child.kill('SIGTERM');
        throw new LocalCloudNotStarted(options.dataDir, `not ready after ${timeoutMs} ms`, logFile);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    child.unref();
  }
}

/** The log's last non-empty line (the error a failed start printed), as `: <line>`. */
function lastLine(logFile: string): string {
  try {
    const lines = readFileSync(logFile, 'utf8').trimEnd().split('\n');
    const last = lines.at(-1)?.trim();
    return last ? `: ${last}` : '';
  } catch {
    return '';
  }
}
