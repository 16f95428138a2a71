import { AgentdropError } from '../../core/errors.js';

/** `local start` found a local cloud already running on the data directory. */
export class LocalCloudAlreadyRunning extends AgentdropError {
  constructor(dataDir: string, pid: number) {
    super(
      'LocalCloudBusy',
      `A local cloud already runs in ${dataDir} (pid ${pid}); every command uses it. \`agentdrop local stop\` stops it.`,
      { dataDir, pid },
    );
  }
}

/** A detached local cloud exited, or did not write its endpoint file in time. */
export class LocalCloudNotStarted extends AgentdropError {
  constructor(dataDir: string, reason: string, logFile: string) {
    super(
      'LocalCloudNotStarted',
      `The local cloud in ${dataDir} did not start: ${reason} (log: ${logFile}).`,
      {
        dataDir,
        logFile,
      },
    );
  }
}

/** `local stop` signalled the local cloud, but it or one of its processes is still running. */
export class LocalCloudStopTimedOut extends AgentdropError {
  constructor(dataDir: string, pids: readonly number[], waitedMs: number) {
    super(
      'LocalCloudStopTimedOut',
      `The local cloud in ${dataDir} did not stop within ${waitedMs} ms; still running: pid ${pids.join(', ')} (\`kill -9\` ends them).`,
      { dataDir, pids: pids.join(','), waitedMs },
    );
  }
}

/** `local reset` refuses to wipe a data directory a process is using. */
export class LocalCloudInUse extends AgentdropError {
  constructor(dataDir: string, pid: number) {
    super(
      'LocalCloudInUse',
      `The local cloud in ${dataDir} is in use (pid ${pid}); stop it with \`agentdrop local stop\` before resetting.`,
      { dataDir, pid },
    );
  }
}
