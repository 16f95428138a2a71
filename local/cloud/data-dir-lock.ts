import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgentdropError } from '../../core/errors.js';
import { isProcessAlive } from '../endpoints/index.js';

const LockFile = '.agentdrop-local.pid';

/**
 * Claims the data directory for this process: the embedded services (LevelDB under DynamoDB above all)
 * cannot share their files with a second process. A lock whose process is gone is taken over.
 * @throws LocalCloudBusy naming the process that holds the directory.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LockFile);
  const holder = dataDirHolder(dataDir);
  if (holder !== null && holder !== process.pid) {
    throw new AgentdropError(
      'LocalCloudBusy',
      `The local cloud in ${dataDir} is in use by another agentdrop process (pid ${holder}); \`agentdrop local status\` shows a running local cloud and \`agentdrop local stop\` stops it, or set AGENTDROP_LOCAL_DIR to use another directory.`,
      { dataDir, pid: holder },
    );
  }
  writeFileSync(path, String(process.pid));
  return () => rmSync(path, { force: true });
}

/** The live process that holds the data directory (a server or a command's embedded cloud), or null. */
export function dataDirHolder(dataDir: string): number | null {
  let holder: number;
  try {
    holder = Number.parseInt(readFileSync(join(dataDir, LockFile), 'utf8'), 10);
  } catch {
    return null;
  }
  return isProcessAlive(holder) ? holder : null;
}
