import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from './is-process-alive.js';

/** The file a running local cloud server writes into its data directory (DESIGN §8). */
const EndpointFileName = 'endpoints.json';

/**
 * What a running local cloud tells its clients: where each service listens, and the region, account and
 * credentials to sign with. Written once the server accepts work; removed when it stops cleanly.
 */
export interface LocalEndpoints {
  /** The server process. */
  readonly pid: number;
  /** Absolute path of the data directory. */
  readonly dataDir: string;
  readonly region: string;
  readonly accountId: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Base URL of every service, by the names of `LocalService` plus `stepfunctions`. */
  readonly endpoints: Readonly<Record<string, string>>;
  /** Names of the drop bucket, artifacts bucket, table, event bus, state machine and secret prefix. */
  readonly resources: {
    readonly dropBucket: string;
    readonly artifactsBucket: string;
    readonly tableName: string;
    readonly eventBusName: string;
    readonly stateMachineArn: string;
    readonly secretPrefix: string;
  };
  /** Where a detached server writes its output. */
  readonly logFile?: string;
  /** ISO time the server became ready. */
  readonly startedAt: string;
}

/** Path of the endpoint file of a data directory. */
export function endpointFilePath(dataDir: string): string {
  return join(dataDir, EndpointFileName);
}

/** Writes the endpoint file atomically (a reader never sees half of it). */
export function writeEndpointFile(endpoints: LocalEndpoints): void {
  const path = endpointFilePath(endpoints.dataDir);
  const partial = `${path}.${endpoints.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify(endpoints, null, 2)}\n`);
  renameSync(partial, path);
}

/**
 * The endpoints of the local cloud running on `dataDir`, or null when none runs: no file, an unreadable
 * one, or one whose process is gone (a server that was killed leaves a stale file; it is ignored here and
 * replaced by the next server).
 */
export function readEndpointFile(dataDir: string): LocalEndpoints | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(endpointFilePath(dataDir), 'utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const endpoints = parsed as LocalEndpoints;
  return typeof endpoints.pid === 'number' && isProcessAlive(endpoints.pid) ? endpoints : null;
}

/** Removes the endpoint file if `pid` wrote it (a newer server's file is left alone). */
export function removeEndpointFile(dataDir: string, pid: number): void {
  try {
    const current = JSON.parse(readFileSync(endpointFilePath(dataDir), 'utf8')) as { pid?: unknown };
    if (current.pid !== pid) return;
  } catch {
    // Unreadable: it is nobody's, remove it.
  }
  rmSync(endpointFilePath(dataDir), { force: true });
}
