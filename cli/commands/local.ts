import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { LocalCloud, LocalCloudOptions } from '../../local/cloud/index.js';
import { readEndpointFile } from '../../local/endpoints/index.js';
import type { FaultFlag } from '../../local/faults/index.js';
import { parseFaultFlag } from '../../local/faults/index.js';
import { type CliIo, ExitCode } from '../io.js';
import {
  confirmOnTerminal,
  describeCloud,
  LocalCloudAlreadyRunning,
  LocalCloudInUse,
  startDetached,
  stopServer,
} from '../local-server/index.js';
import { localDataDir } from '../target/local-data-dir.js';
import { UsageError } from '../usage-error.js';

/** What `agentdrop local` needs from outside; tests replace these. */
export interface LocalCommandDeps {
  readonly startLocalCloud: (options: LocalCloudOptions) => Promise<LocalCloud>;
  /** Resolves when the foreground cloud should stop. @default on SIGINT, SIGTERM or SIGHUP */
  readonly waitForStop: () => Promise<string>;
  /**
   * Asks the person at the terminal; `undefined` when nobody can answer (stdin is not a terminal).
   * @default a prompt on stderr when stdin is a TTY
   */
  readonly confirm: ((question: string) => Promise<boolean>) | undefined;
}

interface DataFlags {
  readonly data?: string;
}

/**
 * `agentdrop local start|status|stop|reset`: one local cloud per data directory, shared by every client
 * (DESIGN §8). `start` runs it in the foreground (or in the background with `--detach`) and writes its
 * endpoint file; every other command attaches to it through that file.
 */
export function registerLocalCommand(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
  deps: Partial<LocalCommandDeps> = {},
): void {
  const waitForStop = deps.waitForStop ?? waitForSignal;
  const confirm = 'confirm' in deps ? deps.confirm : process.stdin.isTTY ? confirmOnTerminal : undefined;
  const dataDirOf = (flags: DataFlags): string =>
    flags.data !== undefined ? resolve(io.cwd, flags.data) : localDataDir(io);
  const dataOption = '--data <dir>';
  const dataHelp =
    'data directory (default: AGENTDROP_LOCAL_DIR, else the project .agentdrop/local, else per user)';
  const local = program.command('local').description('Run the embedded local cloud (no AWS account needed).');

  local
    .command('start')
    .description('Run the local cloud: every emulator plus the pipeline, shared by every client.')
    .option(dataOption, dataHelp)
    .option('--port <n>', 'first port; services take consecutive ports (default: free ports)')
    .option('--detach', 'run it in the background (output in <data>/local-cloud.log) and return once ready')
    .option('--json', 'accepted for symmetry: stdout carries only the JSON line with every endpoint anyway')
    .option(
      '--fault <service:Operation=kind[:count[:delayMs]][@after]>',
      'inject a fault, e.g. agentcore:CreateAgentRuntime=create_failed (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .addOption(new Option('--log-file <path>', 'where a detached server writes (set by --detach)').hideHelp())
    .addHelpText(
      'after',
      '\nExamples:\n  agentdrop local start\n  agentdrop local start --detach\n  agentdrop local start --data /tmp/cloud --port 4566\n  agentdrop local start --fault codebuild:StartBuild=build_failed --fault s3:PutObject=throttle:2\n\nFault kinds: throttle, server_error, access_denied, network_timeout, create_failed, update_failed, slow_ready, build_failed.\n@after skips that many calls of the operation first; count 3 outlasts the SDK retries.\nStdout gets one JSON line with every endpoint; stderr the same for people.',
    )
    .action(
      async (flags: DataFlags & { port?: string; fault: string[]; detach?: boolean; logFile?: string }) => {
        const faults = flags.fault.map(faultFrom);
        const basePort = flags.port !== undefined ? portFrom(flags.port) : undefined;
        const { LocalService, localServiceOf } = await loadLocalCloud();
        const unknown = faults.find((fault) => localServiceOf(fault.service) === undefined);
        if (unknown !== undefined) {
          throw new UsageError(
            `--fault names no local service "${unknown.service}" (one of ${Object.values(LocalService).join(', ')})`,
          );
        }
        const dataDir = dataDirOf(flags);
        const running = readEndpointFile(dataDir);
        if (running !== null) throw new LocalCloudAlreadyRunning(dataDir, running.pid);
        if (flags.detach) {
          const args = [
            ...(flags.port !== undefined ? ['--port', flags.port] : []),
            ...flags.fault.flatMap((fault) => ['--fault', fault]),
          ];
          const cloud = await startDetached({ dataDir, args, env: io.env });
          io.stdout(`${JSON.stringify(cloud)}\n`);
          io.stderr(describeCloud(cloud));
          setExit(ExitCode.Ok);
          return;
        }
        const { startLocalServer } = await import('../../local/server/index.js');
        const server = await startLocalServer({
          cloud: { dataDir, ...(basePort !== undefined ? { basePort } : {}), faults },
          log: (line) => io.stderr(`${new Date().toISOString()} ${line}\n`),
          ...(flags.logFile !== undefined ? { logFile: flags.logFile } : {}),
          ...(deps.startLocalCloud ? { startCloud: deps.startLocalCloud } : {}),
        });
        io.stdout(`${JSON.stringify({ ...server.endpoints, startupMs: server.cloud.startupMs })}\n`);
        // A detached server has no terminal to press Ctrl-C in.
        io.stderr(
          `${describeCloud(server.endpoints)}${flags.logFile === undefined ? 'Ctrl-C stops it too.\n' : ''}`,
        );
        const signal = await waitForStop();
        io.stderr(`${signal}: stopping the local cloud (runs in progress end as aborted)…\n`);
        await server.stop();
        io.stderr(`local cloud stopped (${signal})\n`);
        setExit(ExitCode.Ok);
      },
    );

  local
    .command('status')
    .description('Say whether a local cloud runs on the data directory, and where its endpoints are.')
    .option(dataOption, dataHelp)
    .option('--json', 'print {running, dataDir, …endpoint file} as JSON')
    .action((flags: DataFlags & { json?: boolean }) => {
      const dataDir = dataDirOf(flags);
      const cloud = readEndpointFile(dataDir);
      if (flags.json)
        io.stdout(`${JSON.stringify({ running: cloud !== null, dataDir, ...(cloud ?? {}) })}\n`);
      else io.stdout(cloud ? describeCloud(cloud) : notRunning(dataDir));
      setExit(ExitCode.Ok);
    });

  local
    .command('stop')
    .description('Stop the local cloud of the data directory and wait until all its processes have exited.')
    .option(dataOption, dataHelp)
    .option('--json', 'print {stopped, dataDir, pids} as JSON')
    .action(async (flags: DataFlags & { json?: boolean }) => {
      const dataDir = dataDirOf(flags);
      const cloud = readEndpointFile(dataDir);
      const pids = cloud === null ? [] : await stopServer(cloud);
      if (flags.json) io.stdout(`${JSON.stringify({ stopped: pids.length > 0, dataDir, pids })}\n`);
      else
        io.stdout(
          pids.length === 0
            ? notRunning(dataDir)
            : `Stopped the local cloud in ${dataDir} (pid ${pids.join(', ')}).\n`,
        );
      setExit(ExitCode.Ok);
    });

  local
    .command('reset')
    .description('Delete the local cloud data directory (buckets, tables, agents, images, secrets, events).')
    .option(dataOption, dataHelp)
    .option('--yes', 'do not ask for confirmation')
    .option('--json', 'print {reset, dataDir} as JSON')
    .action(async (flags: DataFlags & { yes?: boolean; json?: boolean }) => {
      const { LocalDataMarker, dataDirHolder } = await loadLocalCloud();
      const dataDir = dataDirOf(flags);
      const say = (reset: boolean, text: string): void =>
        io.stdout(flags.json ? `${JSON.stringify({ reset, dataDir })}\n` : text);
      if (!existsSync(dataDir)) {
        say(false, `nothing to reset: ${dataDir} does not exist\n`);
        setExit(ExitCode.Ok);
        return;
      }
      const entries = readdirSync(dataDir);
      if (!existsSync(join(dataDir, LocalDataMarker)) && entries.length > 0) {
        throw new UsageError(
          `${dataDir} is not a local cloud data directory (no ${LocalDataMarker} file); not deleting it`,
        );
      }
      const holder = readEndpointFile(dataDir)?.pid ?? dataDirHolder(dataDir);
      if (holder !== null) throw new LocalCloudInUse(dataDir, holder);
      const what = `This deletes ${dataDir} and everything in it: ${entries.sort().join(', ') || 'nothing yet'} (buckets and drops, the table with STATE, receipts and locks, agents, images, secrets, events).\n`;
      if (!flags.yes) {
        if (confirm === undefined) {
          throw new UsageError(
            'local reset asks for confirmation on a terminal; pass --yes to reset without one',
          );
        }
        io.stderr(what);
        if (!(await confirm(`Delete ${dataDir}?`))) {
          say(false, 'nothing deleted\n');
          setExit(ExitCode.Ok);
          return;
        }
      } else {
        io.stderr(what);
      }
      rmSync(dataDir, { recursive: true, force: true });
      say(true, `reset ${dataDir}\n`);
      setExit(ExitCode.Ok);
    });
}

/** Loaded on use: the local cloud pulls in s3rver, dynalite and the agent runtime, which other commands never need. */
function loadLocalCloud(): Promise<typeof import('../../local/cloud/index.js')> {
  return import('../../local/cloud/index.js');
}

function notRunning(dataDir: string): string {
  return `No local cloud runs in ${dataDir}; commands start one in-process, or run \`agentdrop local start --detach\`.\n`;
}

function faultFrom(flag: string): FaultFlag {
  const parsed = parseFaultFlag(flag);
  if ('error' in parsed) throw new UsageError(parsed.error);
  return parsed;
}

function portFrom(text: string): number {
  const port = Number(text);
  // Services take the 12 ports from it to it + 11 (the OTLP receiver last).
  if (!Number.isInteger(port) || port < 1 || port > 65_524) {
    throw new UsageError(`--port must be an integer between 1 and 65524, not ${text}`);
  }
  return port;
}

function waitForSignal(): Promise<string> {
  return new Promise((resolveSignal) => {
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const onSignal = (signal: NodeJS.Signals): void => {
      for (const each of signals) process.off(each, onSignal);
      resolveSignal(signal);
    };
    for (const each of signals) process.on(each, onSignal);
  });
}
