import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Reads a JSON file an emulator persisted, or returns `fallback` when the file does not exist yet. */
export function readJsonFile<T>(path: string, fallback: T): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  }
}

/** Options of {@link writeJsonFile}. */
export interface WriteJsonFileOptions {
  /**
   * Readable by its owner only: the file is written with mode 0600 and its directory set to 0700, for
   * state that holds secret values. @default false — modes follow the process umask
   */
  readonly ownerOnly?: boolean;
}

/** Writes `value` as JSON atomically (temporary file + rename), so a crash never leaves half a file. */
export function writeJsonFile(path: string, value: unknown, options: WriteJsonFileOptions = {}): void {
  const directory = dirname(path);
  mkdirSync(directory, { recursive: true, ...(options.ownerOnly ? { mode: 0o700 } : {}) });
  // mkdir's mode applies only to a directory it creates: one made earlier is narrowed here.
  if (options.ownerOnly) chmodSync(directory, 0o700);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 1)}\n`, options.ownerOnly ? { mode: 0o600 } : {});
  // A temporary file left by a crashed writer keeps its old mode: writeFileSync's mode applies only on create.
  if (options.ownerOnly) chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}
