import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { LocalCloud, LocalCloudOptions } from '../../local/cloud/index.js';
import type { FaultFlag } from '../../local/faults/index.js';
import { parseFaultFlag } from '../../local/faults/index.js';
import { type CliIo, ExitCode } from '../io.js';
import { UsageError } from '../usage-error.js';

/** What `agentdrop local` needs from outside; tests replace `waitForStop`. */
export interface LocalCommandDeps {
  readonly startLocalCloud: (options: LocalCloudOptions) => Promise<LocalCloud>;
  /** Resolves when the foreground cloud should stop. @default on SIGINT or SIGTERM */
  readonly waitForStop: () => Promise<string>;
}

const defaultDataDir = join('.agentdrop', 'local');

/**
 * `agentdrop local start|reset`: runs the embedded local cloud in the foreground (one JSON line with every
 * endpoint, the region and the credentials; Ctrl-C or SIGTERM stops it) or wipes its data directory.
 */
export function registerLocalCommand(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
  deps: Partial<LocalCommandDeps> = {},
): void {
  const waitForStop = deps.waitForStop ?? waitForSignal;
  const local = program.command('local').description('Run the embedded local cloud (no AWS account needed).');

  local
    .command('start')
    .description('Start the local cloud in the foreground and print its endpoints as one JSON line.')
    .option('--data <dir>', 'data directory', defaultDataDir)
    .option('--port <n>', 'first port; services take consecutive ports (default: free ports)')
    .option(
      '--fault <service:Operation=kind[:count[:delayMs]][@after]>',
      'inject a fault, e.g. agentcore:CreateAgentRuntime=create_failed (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .addHelpText(
      'after',
      '\nExamples:\n  agentdrop local start\n  agentdrop local start --data /tmp/cloud --port 4566\n  agentdrop local start --fault codebuild:StartBuild=build_failed --fault s3:PutObject=throttle:2\n\nFault kinds: throttle, server_error, access_denied, network_timeout, create_failed, update_failed, slow_ready, build_failed.\n@after skips that many calls of the operation first; count 3 outlasts the SDK retries.',
    )
    .action(async (flags: { data: string; port?: string; fault: string[] }) => {
      const faults = flags.fault.map(faultFrom);
      const { LocalCredentials, LocalService, localServiceOf, startLocalCloud } = await loadLocalCloud();
      const unknown = faults.find((fault) => localServiceOf(fault.service) === undefined);
      if (unknown !== undefined) {
        throw new UsageError(
          `--fault names no local service "${unknown.service}" (one of ${Object.values(LocalService).join(', ')})`,
        );
      }
      const cloud = await (deps.startLocalCloud ?? startLocalCloud)({
        dataDir: resolve(io.cwd, flags.data),
        ...(flags.port !== undefined ? { basePort: portFrom(flags.port) } : {}),
        faults,
      });
      io.stdout(
        `${JSON.stringify({
          region: cloud.region,
          accountId: cloud.accountId,
          dataDir: cloud.dataDir,
          credentials: LocalCredentials,
          endpoints: cloud.endpoints,
          resources: cloud.resources,
          startupMs: cloud.startupMs,
        })}\n`,
      );
      const signal = await waitForStop();
      await cloud.stop();
      io.stderr(`local cloud stopped (${signal})\n`);
      setExit(ExitCode.Ok);
    });

  local
    .command('reset')
    .description('Delete the local cloud data directory (buckets, tables, agents, secrets, events).')
    .option('--data <dir>', 'data directory', defaultDataDir)
    .action(async (flags: { data: string }) => {
      const { LocalDataMarker } = await loadLocalCloud();
      const dataDir = resolve(io.cwd, flags.data);
      if (!existsSync(dataDir)) {
        io.stdout(`nothing to reset: ${dataDir} does not exist\n`);
      } else if (existsSync(join(dataDir, LocalDataMarker)) || readdirSync(dataDir).length === 0) {
        rmSync(dataDir, { recursive: true, force: true });
        io.stdout(`reset ${dataDir}\n`);
      } else {
        throw new UsageError(
          `${dataDir} is not a local cloud data directory (no ${LocalDataMarker} file); not deleting it`,
        );
      }
      setExit(ExitCode.Ok);
    });
}

/** Loaded on use: the local cloud pulls in s3rver, dynalite and the agent runtime, which other commands never need. */
function loadLocalCloud(): Promise<typeof import('../../local/cloud/index.js')> {
  return import('../../local/cloud/index.js');
}

function faultFrom(flag: string): FaultFlag {
  const parsed = parseFaultFlag(flag);
  if ('error' in parsed) throw new UsageError(parsed.error);
  return parsed;
}

function portFrom(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65_527) {
    throw new UsageError(`--port must be an integer between 1 and 65527, not ${text}`);
  }
  return port;
}

function waitForSignal(): Promise<string> {
  return new Promise((resolveSignal) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolveSignal(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
