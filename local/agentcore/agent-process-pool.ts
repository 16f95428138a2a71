import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * What a runtime needs to start: its files (an image's build context, or an unpacked code package), the Node
 * arguments that start it and the variables AgentCore would set.
 */
export interface AgentLaunch {
  readonly contextDir: string;
  /** Arguments of `node`, relative to `contextDir`: `['agent.mjs']`, or a code package's `entryPoint`. */
  readonly entryPoint: readonly string[];
  /**
   * Whether the files need agentdrop's `node_modules` (an image context, whose Dockerfile installs them); a code
   * package brings every dependency inside, as on AgentCore.
   */
  readonly borrowNodeModules: boolean;
  readonly env: Readonly<Record<string, string>>;
  /** Receives each line the process writes to stdout or stderr (AgentCore keeps them as the runtime's logs). */
  readonly output?: (line: string) => void;
}

/** A running runtime container. */
export interface RunningAgent {
  readonly port: number;
  readonly pid: number;
}

interface Entry {
  readonly runtimeId: string;
  started?: Promise<RunningAgent>;
  child?: ChildProcess;
}

const startTimeoutMs = 30_000;

/**
 * Runs each runtime version as a Node process (`agent.mjs` of an image context, or a code package's entry point
 * with AgentCore's managed Node 22 standing in as this Node), once per version, on a free loopback port, and waits
 * for `GET /ping` before it is used. A process that exits is started again on the next call.
 */
export class AgentProcessPool {
  private readonly entries = new Map<string, Entry>();
  private closed = false;

  /** The running container of a runtime version, starting it on first use. */
  ensure(runtimeId: string, version: string, launch: () => AgentLaunch): Promise<RunningAgent> {
    const key = `${runtimeId}@${version}`;
    const existing = this.entries.get(key);
    if (existing?.started !== undefined) return existing.started;
    const entry: Entry = { runtimeId };
    this.entries.set(key, entry);
    const started = this.start(entry, key, launch);
    entry.started = started;
    started.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return started;
  }

  /** Process ids of the containers now running. */
  pids(): number[] {
    return [...this.entries.values()].flatMap((e) =>
      e.child?.pid !== undefined && e.child.exitCode === null ? [e.child.pid] : [],
    );
  }

  /** Stops the container of one runtime version. */
  async stopVersion(runtimeId: string, version: string): Promise<void> {
    const key = `${runtimeId}@${version}`;
    const entry = this.entries.get(key);
    this.entries.delete(key);
    if (entry?.child !== undefined) await terminate(entry.child);
  }

  /** Stops every container of a runtime. */
  async stopRuntime(runtimeId: string): Promise<void> {
    const keys = [...this.entries.entries()].filter(([, e]) => e.runtimeId === runtimeId).map(([k]) => k);
    await Promise.all(keys.map((key) => this.stopVersion(runtimeId, key.slice(runtimeId.length + 1))));
  }

  /** Stops every container. */
  async stopAll(): Promise<void> {
    this.closed = true;
    const children = [...this.entries.values()].flatMap((e) => (e.child === undefined ? [] : [e.child]));
    this.entries.clear();
    await Promise.all(children.map(terminate));
  }

  private async start(entry: Entry, key: string, describe: () => AgentLaunch): Promise<RunningAgent> {
    const launch = describe();
    const entryFile = join(launch.contextDir, launch.entryPoint.at(-1) ?? '');
    if (!existsSync(entryFile)) {
      throw new Error(`The runtime has no ${launch.entryPoint.join(' ')} (${launch.contextDir}).`);
    }
    if (launch.borrowNodeModules) linkNodeModules(launch.contextDir);
    const port = await freePort();
    if (this.closed) throw new Error('The AgentCore emulator is stopping.');
    const child = spawn(process.execPath, [...launch.entryPoint], {
      cwd: launch.contextDir,
      env: { ...launch.env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    entry.child = child;
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    if (launch.output !== undefined) {
      for (const stream of [child.stdout, child.stderr]) {
        if (stream)
          createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', launch.output);
      }
    }
    child.once('exit', () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    const deadline = Date.now() + startTimeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `The runtime container exited (code ${child.exitCode ?? child.signalCode}): ${output.trim()}`,
        );
      }
      if (await pingOk(port)) return { port, pid: child.pid ?? 0 };
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await terminate(child);
    throw new Error(
      `The runtime container did not answer /ping within ${startTimeoutMs} ms: ${output.trim()}`,
    );
  }
}

/** Without its own node_modules, an image context borrows agentdrop's (the packages its Dockerfile installs). */
function linkNodeModules(contextDir: string): void {
  const target = join(contextDir, 'node_modules');
  if (existsSync(target)) return;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'node_modules', 'bedrock-agentcore'))) {
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
  try {
    symlinkSync(join(dir, 'node_modules'), target, 'dir');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

async function pingOk(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/ping`, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
