import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgentdropError } from '../../core/errors.js';

const LockFile = '.agentdrop-local.pid';

/**
 * Claims the data directory for this process: the embedded services (LevelDB under DynamoDB above all)
 * cannot share their files with a second process. A lock whose process is gone is taken over.
 * @throws LocalCloudBusy naming the process that holds the directory.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LockFile);
  let holder: number | null = null;
  try {
    holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
  } catch {
    holder = null;
  }
  if (holder !== null && holder !== process.pid && isAlive(holder)) {
    throw new AgentdropError(
      'LocalCloudBusy',
      `The local cloud in ${dataDir} is in use by another agentdrop process (pid ${holder}, for example \`agentdrop local start\`); stop it, or set AGENTDROP_LOCAL_DIR to use another directory.`,
      { dataDir, pid: holder },
    );
  }
  writeFileSync(path, String(process.pid));
  return () => rmSync(path, { force: true });
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
