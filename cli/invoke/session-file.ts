import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CliIo } from '../io.js';
import { localDataDir, userStateDir } from '../target/local-data-dir.js';
import { UsageError } from '../usage-error.js';

/**
 * A runtime session id both data-plane calls accept: InvokeHarness takes 33..100 characters of
 * `[a-zA-Z0-9][a-zA-Z0-9-_]*`, InvokeAgentRuntime 33..256 (agentcore-api.md §8, §9).
 */
const SessionIdPattern = /^[a-zA-Z0-9][a-zA-Z0-9_-]{32,99}$/;

/** Where a target's sessions are remembered: the local cloud's data directory, or a stack's name. */
export type SessionPlace = { readonly kind: 'local' } | { readonly kind: 'aws'; readonly stack: string };

/** The session `invoke` continues for a project, and the resource it was opened with. */
interface SessionRecord {
  readonly sessionId: string;
  readonly resourceArn: string;
  readonly updatedAt: string;
}

/**
 * The file holding a project's session: `<local data dir>/sessions/<project>.json` for the local cloud (it goes
 * with the cloud's state: `local reset` forgets it), `<user state dir>/agentdrop/sessions/<stack>/<project>.json`
 * for a stack (`$XDG_STATE_HOME`, else `~/.local/state`; macOS `~/Library/Application Support`; Windows
 * `%LOCALAPPDATA%`). Ids only, never a prompt or an answer.
 */
export function sessionFilePath(io: CliIo, place: SessionPlace, project: string): string {
  if (place.kind === 'local') return join(localDataDir(io), 'sessions', `${project}.json`);
  return join(userStateDir(io.env), 'agentdrop', 'sessions', place.stack, `${project}.json`);
}

/** The remembered session of `resourceArn`; null when none is, or it was opened with another resource. */
export async function readSession(path: string, resourceArn: string): Promise<string | null> {
  try {
    const record = JSON.parse(await readFile(path, 'utf8')) as Partial<SessionRecord>;
    return record.resourceArn === resourceArn && typeof record.sessionId === 'string'
      ? record.sessionId
      : null;
  } catch {
    // No file, or one a person broke: a new session starts.
    return null;
  }
}

/** Remembers the session (written whole, then renamed, so a reader never sees half a file). */
export async function writeSession(
  path: string,
  record: Omit<SessionRecord, 'updatedAt'>,
  now: Date,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify({ ...record, updatedAt: now.toISOString() }, null, 2)}\n`);
  await rename(partial, path);
}

/** A new session id: `agentdrop-<project>-<uuid>`, 47 to 77 characters. */
export function newSessionId(project: string): string {
  return `agentdrop-${project}-${randomUUID()}`;
}

/**
 * Checks a `--session` id against both services' rules.
 * @throws UsageError naming the rule
 */
export function checkSessionId(sessionId: string): void {
  if (!SessionIdPattern.test(sessionId)) {
    throw new UsageError(
      `--session must be 33 to 100 characters of letters, digits, '-' and '_', starting with a letter or digit (got ${sessionId.length})`,
    );
  }
}
