import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BuildContext } from '../../../core/compile/index.js';

/** Where generated contexts are written (gitignored); resolution of packages walks up to the repo's node_modules. */
export const GeneratedRoot = join(import.meta.dirname, '..', '..', 'fixtures', 'generated', 'compile');

/** Writes a build context to `test/fixtures/generated/compile/<name>/`, replacing what was there. */
export function writeContext(context: BuildContext, name: string): string {
  const dir = join(GeneratedRoot, name);
  rmSync(dir, { recursive: true, force: true });
  for (const [path, bytes] of context.files) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  return dir;
}

/** A generated agent running as a child process. */
export interface RunningAgent {
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** Starts `node agent.mjs` in `dir` on a free loopback port; resolves once the server listens. */
export function startAgent(dir: string, env: Record<string, string>): Promise<RunningAgent> {
  const child = spawnAgent(dir, env);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        resolve({ url: match[1]!, output: () => output, stop: () => stopChild(child) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`agent exited with ${code} before listening:\n${output}`)));
  });
}

/** Runs `node agent.mjs` in `dir` expecting it to exit; resolves with its exit code and output. */
export function runAgentToExit(
  dir: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawnAgent(dir, env);
  let output = '';
  child.stdout.on('data', (c: Buffer) => {
    output += c.toString('utf8');
  });
  child.stderr.on('data', (c: Buffer) => {
    output += c.toString('utf8');
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

function spawnAgent(
  dir: string,
  env: Record<string, string>,
): ChildProcess & {
  stdout: NodeJS.ReadableStream;
  stderr: NodeJS.ReadableStream;
} {
  const child = spawn(process.execPath, ['agent.mjs'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', AGENTDROP_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return child as ChildProcess & { stdout: NodeJS.ReadableStream; stderr: NodeJS.ReadableStream };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** POSTs a prompt to `/invocations` with a runtime session id, as AgentCore does. */
export async function invoke(
  url: string,
  body: unknown,
  options: { sessionId?: string; accept?: string } = {},
): Promise<Response> {
  return fetch(`${url}/invocations`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: options.accept ?? 'application/json',
      'x-amzn-bedrock-agentcore-runtime-session-id':
        options.sessionId ?? 'test-session-00000000000000000000000001',
    },
    body: JSON.stringify(body),
  });
}
