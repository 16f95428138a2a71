import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { checkProjectName } from '../project-arg.js';
import { startAndFollowRuns } from '../start-and-follow-runs.js';
import { type TargetFlags, withTargetFlags } from '../target/target-flags.js';
import { UsageError } from '../usage-error.js';

interface RollbackFlags extends TargetFlags {
  readonly to?: string;
  readonly json?: boolean;
}

/**
 * `agentdrop rollback <project> [--to VERSION]`: publishes `Redeploy Requested` with `rollbackTo` and follows
 * the run, which moves the project's `live` endpoint to a version that passed its smoke test (default: the one
 * before the live version) under the project's lock, with its own receipt and event (docs/state-machine.md §2.7).
 */
export function registerRollbackCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  withTargetFlags(
    program
      .command('rollback')
      .description(
        'Move the live endpoint back to a version that passed its smoke test (Redeploy Requested with rollbackTo) and follow the run.',
      )
      .argument('<project>', 'project name')
      .option('--to <version>', 'the version to serve (default: the passed version before the live one)')
      .option('--json', 'print the runs as JSON instead of the live view'),
    'use',
  )
    .addHelpText(
      'after',
      '\nExamples:\n  agentdrop rollback team            live goes back to the previous passed version\n  agentdrop rollback team --to 4     live serves version 4 (it must have passed its smoke test)\n\n`agentdrop status <project>` lists the live version and the passed versions.',
    )
    .action(async (project: string, flags: RollbackFlags) => {
      if (flags.to !== undefined && !/^[1-9][0-9]{0,4}$/.test(flags.to)) {
        throw new UsageError(`--to takes a version number (1, 2, …), not ${JSON.stringify(flags.to)}.`);
      }
      checkProjectName(project, 'argument');
      await startAndFollowRuns(
        io,
        flags,
        project,
        (target) => target.requestRedeploy(project, false, flags.to ?? 'previous'),
        setExit,
      );
    });
}
