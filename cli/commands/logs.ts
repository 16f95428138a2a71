import type { Command } from 'commander';
import { AgentdropError } from '../../core/errors.js';
import type { Receipt } from '../../functions/lib/store/index.js';
import { type CliIo, ExitCode } from '../io.js';
import {
  type CollectedLogs,
  type CollectOptions,
  collectLogs,
  cutNotice,
  entryJson,
  entryKey,
  type LogEntry,
  type LogsRequest,
  maxEventsPerGroupOf,
  newFollowedReads,
  parseSince,
  renderEntry,
} from '../logs/index.js';
import { checkProjectName, requireProject } from '../project-arg.js';
import type { DeployTarget } from '../target/deploy-target.js';
import { pollOptions } from '../target/poll-options.js';
import { type TargetFlags, withTargetFlags } from '../target/target-flags.js';
import { withTarget } from '../target/with-target.js';

interface LogsFlags extends TargetFlags {
  readonly follow?: boolean;
  readonly since?: string;
  readonly json?: boolean;
}

/**
 * `agentdrop logs <project> [deployId]`: a deploy's run state by state, its image build's output and its
 * pipeline functions' lines (correlated by deploy id), with the agent's own log lines, read through CloudWatch
 * Logs on the local cloud as on a stack. The latest deploy by default, whose agent lines run up to now.
 * @throws ProjectNotFound, ReceiptNotFound
 */
export function registerLogsCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const command = program
    .command('logs')
    .description("Show a deploy's run, build and function log lines, and the agent's own log lines.")
    .argument('<project>', 'project name')
    .argument('[deployId]', 'deploy id (default: the latest)')
    .option('--follow', 'keep reading new lines until Ctrl-C (a named deploy: until its run has ended)')
    .option('--since <duration>', 'only lines of the last 30s, 10m, 2h or 1d')
    .option('--json', 'print the lines as JSON (with --follow, one object per line)');
  withTargetFlags(command, 'read')
    .addHelpText(
      'after',
      '\nExamples:\n  agentdrop logs team\n  agentdrop logs team --since 10m --follow\n  agentdrop logs team 01JD3Z8K6Q2W7X9Y4V5T3R2P1N --json\n\nSources: run (the state machine), build, start/plan/harness/runtime/invoke/finalize (the pipeline functions), agent.',
    )
    .action(async (project: string, deployId: string | undefined, flags: LogsFlags) => {
      checkProjectName(project, 'argument');
      const since = flags.since === undefined ? null : parseSince(flags.since, Date.now());
      const options: CollectOptions = { maxEventsPerGroup: maxEventsPerGroupOf(io.env) };
      await withTarget(io, flags, async (target) => {
        const { request, receipt } = await logsRequest(target, project, deployId, since);
        if (flags.follow) {
          await follow(io, target, request, options, deployId !== undefined, flags.json === true);
        } else {
          const { entries, cuts } = await collectLogs(target, request, Date.now(), options);
          for (const cut of cuts) io.stderr(cutNotice(cut, options.maxEventsPerGroup));
          if (flags.json) {
            const document = {
              project,
              deployId: receipt?.deployId ?? null,
              executionArn: receipt?.executionArn ?? null,
              entries: entries.map(entryJson),
            };
            io.stdout(`${JSON.stringify(document, null, 2)}\n`);
          } else {
            if (receipt !== null) io.stderr(`${project} · deploy ${receipt.deployId} · ${receipt.outcome}\n`);
            if (entries.length === 0) io.stderr('No log lines.\n');
            for (const entry of entries) io.stdout(renderEntry(entry));
          }
        }
        setExit(ExitCode.Ok);
      });
    });
}

/** The deploy (named, else the latest receipt) and the deployed agent whose logs are read. */
async function logsRequest(
  target: DeployTarget,
  project: string,
  deployId: string | undefined,
  since: number | null,
): Promise<{ request: LogsRequest; receipt: Receipt | null }> {
  const { state, latestReceipt } = await requireProject(target, project);
  const receipt = deployId ? await target.store.receipts.getReceipt(project, deployId) : latestReceipt;
  if (deployId !== undefined && receipt === null) {
    throw new AgentdropError('ReceiptNotFound', `No receipt for ${project} deploy ${deployId}.`, { project });
  }
  return {
    receipt,
    request: {
      deploy:
        receipt === null
          ? null
          : {
              deployId: receipt.deployId,
              executionArn: receipt.executionArn,
              startedAt: Date.parse(receipt.startedAt),
              finishedAt: Date.parse(receipt.finishedAt),
            },
      agent: state,
      // The receipt names the group the stack delivers the agent's application logs to (docs/aws.md).
      agentLogGroup: receipt?.logGroups?.application ?? null,
      agentUntilNow: deployId === undefined,
      since,
    },
  };
}

/**
 * Reads again every poll interval from where each log read ended, and prints the new lines, until Ctrl-C; a
 * named deploy ends once its run has ended and one more read found its last lines.
 */
async function follow(
  io: CliIo,
  target: DeployTarget,
  request: LogsRequest,
  options: CollectOptions,
  untilRunEnds: boolean,
  json: boolean,
): Promise<void> {
  const poll = pollOptions(io.env);
  const followed = newFollowedReads();
  // The run's states are read whole each poll (its history is short): those printed are skipped.
  const printed = new Set<string>();
  let interrupted = false;
  const interrupt = (): void => {
    interrupted = true;
  };
  process.once('SIGINT', interrupt);
  try {
    let endSeen = false;
    for (;;) {
      const found: CollectedLogs = await collectLogs(target, request, poll.now(), { ...options, followed });
      for (const cut of found.cuts) io.stderr(cutNotice(cut, options.maxEventsPerGroup));
      for (const entry of found.entries) print(io, entry, printed, json);
      if (interrupted) return;
      if (untilRunEnds && found.runEnded) {
        if (endSeen) return;
        endSeen = true;
      }
      await poll.sleep(poll.intervalMs);
    }
  } finally {
    process.off('SIGINT', interrupt);
  }
}

/** Prints an entry; a run state only once (log events come once from their read's cursor). */
function print(io: CliIo, entry: LogEntry, printed: Set<string>, json: boolean): void {
  if (entry.source === 'run') {
    const key = entryKey(entry);
    if (printed.has(key)) return;
    printed.add(key);
  }
  io.stdout(json ? `${JSON.stringify(entryJson(entry))}\n` : renderEntry(entry));
}
