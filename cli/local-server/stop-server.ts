import {
  answers,
  isProcessAlive,
  type LocalEndpoints,
  listDescendants,
  removeEndpointFile,
} from '../../local/endpoints/index.js';
import { LocalCloudStopTimedOut } from './errors.js';

/** Options of {@link stopServer}. */
export interface StopServerOptions {
  /** @default 30_000 */
  readonly timeoutMs?: number;
}

/**
 * Sends SIGTERM to a running local cloud and waits until it and every process it started (agent runtime
 * processes) have exited; the server stops its runs (recorded as aborted) and its services first.
 * A file whose process no longer serves its endpoints (the server was killed and its pid reused) is removed
 * instead: nothing is signalled.
 * @returns the pids it waited for, the server first; none for a stale file.
 * @throws LocalCloudStopTimedOut naming the processes still running after `timeoutMs`.
 */
export async function stopServer(cloud: LocalEndpoints, options: StopServerOptions = {}): Promise<number[]> {
  if (!(await answers(cloud.endpoints.stepfunctions ?? cloud.endpoints.s3 ?? ''))) {
    removeEndpointFile(cloud.dataDir, cloud.pid);
    return [];
  }
  const pids = [cloud.pid, ...listDescendants(cloud.pid)];
  try {
    process.kill(cloud.pid, 'SIGTERM');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  const started = performance.now();
  for (;;) {
    const running = pids.filter(isProcessAlive);
    if (running.length === 0) return pids;
    const waited = Math.round(performance.now() - started);
    if (waited > timeoutMs) throw new LocalCloudStopTimedOut(cloud.dataDir, running, waited);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
