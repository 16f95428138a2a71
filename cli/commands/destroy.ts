import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { followRuns } from '../follow-runs.js';
import { type CliIo, ExitCode } from '../io.js';
import { withTarget } from '../target/with-target.js';
import { UsageError } from '../usage-error.js';

/** `agentdrop destroy <project>`: deletes the drop, which tears the agent down, after a confirmation. */
export function registerDestroyCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('destroy')
    .description("Delete a project's drop, which deletes its harness or runtime, and follow the teardown.")
    .argument('<project>', 'project name')
    .option('--yes', 'do not ask for confirmation')
    .option('--local', 'use the embedded local cloud (the default without a stack)')
    .option('--stack <name>', 'use this AgentDrop stack on AWS (or set AGENTDROP_STACK)')
    .addHelpText('after', '\nExamples:\n  agentdrop destroy team\n  agentdrop destroy team --yes')
    .action(async (project: string, flags: { yes?: boolean; local?: boolean; stack?: string }) => {
      if (!flags.yes) {
        if (!io.isTty) throw new UsageError('destroy needs --yes when not run in a terminal');
        const prompt = createInterface({ input: process.stdin, output: process.stdout });
        const answer = await prompt.question(
          `Delete drops/${project}.zip and its deployed agent? Type the project name to confirm: `,
        );
        prompt.close();
        if (answer.trim() !== project) {
          io.stderr('Not confirmed; nothing was deleted.\n');
          setExit(ExitCode.Failed);
          return;
        }
      }
      const follower = followRuns(io, false);
      await withTarget(
        io,
        flags,
        async (target) => {
          const trigger = await target.deleteDrop(project);
          const { outcomes } = await follower.finish(target, trigger);
          setExit(outcomes.length > 0 && !outcomes.includes('Failed') ? ExitCode.Ok : ExitCode.Failed);
        },
        follower.onRun,
      );
    });
}
