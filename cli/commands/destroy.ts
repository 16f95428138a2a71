import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { AgentdropError } from '../../core/errors.js';
import type { CliIo } from '../io.js';
import { checkProjectName } from '../project-arg.js';
import { startAndFollowRuns } from '../start-and-follow-runs.js';
import { type TargetFlags, withTargetFlags } from '../target/target-flags.js';
import { UsageError } from '../usage-error.js';

interface DestroyFlags extends TargetFlags {
  readonly yes?: boolean;
  readonly json?: boolean;
}

/**
 * `agentdrop destroy <project>`: deletes the drop, which tears the agent down, after a confirmation. A project
 * the target does not know is refused before anything is deleted (ProjectNotFound).
 */
export function registerDestroyCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  withTargetFlags(
    program
      .command('destroy')
      .description("Delete a project's drop, which deletes its harness or runtime, and follow the teardown.")
      .argument('<project>', 'project name')
      .option('--yes', 'do not ask for confirmation')
      .option('--json', 'print the runs as JSON instead of the live view'),
    'use',
  )
    .addHelpText(
      'after',
      '\nExamples:\n  agentdrop destroy team\n  agentdrop destroy team --yes --json\n\nExit codes: 0 destroyed; 1 failed, not confirmed or unknown project; 2 usage error.',
    )
    .action(async (project: string, flags: DestroyFlags) => {
      checkProjectName(project, 'argument');
      if (!flags.yes && !io.isTty) throw new UsageError('destroy needs --yes when not run in a terminal');
      await startAndFollowRuns(
        io,
        flags,
        project,
        // An unknown project is refused before the question, and nothing is deleted.
        async (target) => {
          if (!flags.yes) await confirmDestroy(project);
          return target.deleteDrop(project);
        },
        setExit,
      );
    });
}

/**
 * Asks the person at the terminal to type the project name.
 * @throws NotConfirmed when the answer is anything else.
 */
async function confirmDestroy(project: string): Promise<void> {
  // The question is for a person: stderr, so that stdout stays the command's result.
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await prompt
    .question(`Delete drops/${project}.zip and its deployed agent? Type the project name to confirm: `)
    .finally(() => prompt.close());
  if (answer.trim() !== project) {
    throw new AgentdropError('NotConfirmed', 'Not confirmed; nothing was deleted.', { project });
  }
}
