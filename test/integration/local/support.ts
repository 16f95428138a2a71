import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh data directory under the OS temp dir, and its removal. */
export function makeDataDir(): { readonly dataDir: string; remove(): void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'agentdrop-local-'));
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** Whether something accepts connections at `endpoint` (`http://host:port`). */
export function isListening(endpoint: string): Promise<boolean> {
  const url = new URL(endpoint);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Static credentials and region for a client of a single emulator. */
export function clientBase(endpoint: string): {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
} {
  return { endpoint, region: 'us-west-2', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } };
}

/**
 * A base port with `count` free consecutive ports after it (the local cloud takes one per service). Chosen below
 * Linux's ephemeral range (32768 and up), where `listen(0)` of concurrent tests never lands, and checked by
 * binding each port; a taken one makes it try another base.
 */
export async function freePort(count = 12): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    if (await allFree(base, count)) return base;
  }
  throw new Error(`no ${count} free consecutive ports below 32000`);
}

async function allFree(base: number, count: number): Promise<boolean> {
  for (let port = base; port < base + count; port++) {
    const server = createServer();
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (!bound) return false;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return true;
}
