import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { checkProjectName } from '../project-arg.js';
import { startAndFollowRuns } from '../start-and-follow-runs.js';
import { type TargetFlags, withTargetFlags } from '../target/target-flags.js';

interface RedeployFlags extends TargetFlags {
  readonly force?: boolean;
  readonly json?: boolean;
}

/**
 * `agentdrop redeploy <project>`: publishes `Redeploy Requested` and follows the run it starts. A project the
 * target does not know is refused before anything is published (ProjectNotFound).
 */
export function registerRedeployCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  withTargetFlags(
    program
      .command('redeploy')
      .description('Request a redeploy of the latest drop (Redeploy Requested) and follow the run.')
      .argument('<project>', 'project name')
      .option('--force', 'deploy even when nothing changed')
      .option('--json', 'print the runs as JSON instead of the live view'),
    'use',
  )
    .addHelpText(
      'after',
      '\nExamples:\n  agentdrop redeploy team\n  agentdrop redeploy team --force\n  agentdrop redeploy team --stack agentdrop --profile prod --json\n\nExit codes: 0 succeeded, skipped or queued; 1 failed or unknown project; 2 usage error.',
    )
    .action(async (project: string, flags: RedeployFlags) => {
      // A bad name is refused before a local cloud starts for it.
      checkProjectName(project, 'argument');
      await startAndFollowRuns(
        io,
        flags,
        project,
        (target) => target.requestRedeploy(project, Boolean(flags.force)),
        setExit,
      );
    });
}
