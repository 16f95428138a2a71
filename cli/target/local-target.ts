import { dataDirHolder } from '../../local/cloud/data-dir-lock.js';
import { type LocalEndpoints, readEndpointFile } from '../../local/endpoints/index.js';
import { type FaultFlag, parseFaultFlag } from '../../local/faults/index.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';
import { attachLocalTarget } from './attach-local-target.js';
import type { DeployTarget, RunListener } from './deploy-target.js';
import { localDataDir } from './local-data-dir.js';

/**
 * Opens the local cloud of the project's data directory: attaches to it when one runs there
 * (`agentdrop local start`, found by its endpoint file), else starts it in this process for the command's
 * lifetime. Either way an upload, a delete or a redeploy request starts runs exactly as on AWS, through the
 * same rules, state machine and handlers, and the command follows them as it follows a stack's.
 */
export async function openLocalTarget(io: CliIo, onRun?: RunListener): Promise<DeployTarget> {
  const dataDir = localDataDir(io);
  const running = readEndpointFile(dataDir);
  if (running !== null) {
    if (io.env.AGENTDROP_LOCAL_FAULTS?.trim()) {
      io.stderr(
        'AGENTDROP_LOCAL_FAULTS is ignored: the running local cloud has the faults it was started with (`agentdrop local start --fault`).\n',
      );
    }
    return attachLocalTarget(io, running, onRun);
  }
  try {
    return await startInProcess(io, dataDir, onRun);
  } catch (error) {
    // A server that is starting holds the directory before its endpoint file exists: wait for it to be ready.
    const started =
      error instanceof Error && error.name === 'LocalCloudBusy'
        ? await endpointFileOfStartingServer(dataDir)
        : null;
    if (started === null) throw error;
    return attachLocalTarget(io, started, onRun);
  }
}

/** The endpoint file of a server that holds `dataDir`, once it is written; null when no server starts (5 s). */
async function endpointFileOfStartingServer(dataDir: string): Promise<LocalEndpoints | null> {
  const deadline = performance.now() + 5_000;
  for (;;) {
    const endpoints = readEndpointFile(dataDir);
    if (endpoints !== null || dataDirHolder(dataDir) === null || performance.now() > deadline)
      return endpoints;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts the local cloud server inside this process and attaches to it like any other client: the runs are
 * found and followed through its Step Functions endpoint, the same code that follows a stack's runs. While
 * the command runs, other commands attach to it through its endpoint file.
 */
async function startInProcess(io: CliIo, dataDir: string, onRun?: RunListener): Promise<DeployTarget> {
  const { startLocalServer } = await import('../../local/server/index.js');
  const server = await startLocalServer({ cloud: { dataDir, faults: faultsFromEnv(io) } });
  try {
    return await attachLocalTarget(io, server.endpoints, onRun, server);
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * Faults for the in-process local cloud of any command, as `agentdrop local start --fault` takes them:
 * `AGENTDROP_LOCAL_FAULTS="agentcore:CreateHarness=slow_ready:1:3000,s3:PutObject=throttle:2"`.
 */
function faultsFromEnv(io: CliIo): FaultFlag[] {
  const text = io.env.AGENTDROP_LOCAL_FAULTS?.trim();
  if (!text) return [];
  return text.split(',').map((flag) => {
    const parsed = parseFaultFlag(flag);
    if ('error' in parsed) throw new UsageError(`AGENTDROP_LOCAL_FAULTS: ${parsed.error}`);
    return parsed;
  });
}
