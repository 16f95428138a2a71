import type { Command } from 'commander';
import { followRuns } from '../follow-runs.js';
import { type CliIo, ExitCode } from '../io.js';
import { withTarget } from '../target/with-target.js';

/** `agentdrop redeploy <project>`: publishes `Redeploy Requested` and follows the run it starts. */
export function registerRedeployCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('redeploy')
    .description('Request a redeploy of the latest drop (Redeploy Requested) and follow the run.')
    .argument('<project>', 'project name')
    .option('--force', 'deploy even when nothing changed')
    .option('--local', 'use the embedded local cloud (the default without a stack)')
    .option('--stack <name>', 'use this AgentDrop stack on AWS (or set AGENTDROP_STACK)')
    .addHelpText('after', '\nExamples:\n  agentdrop redeploy team\n  agentdrop redeploy team --force')
    .action(async (project: string, flags: { force?: boolean; local?: boolean; stack?: string }) => {
      const follower = followRuns(io, false);
      await withTarget(
        io,
        flags,
        async (target) => {
          const trigger = await target.requestRedeploy(project, Boolean(flags.force));
          const { outcomes } = await follower.finish(target, trigger);
          setExit(outcomes.length > 0 && !outcomes.includes('Failed') ? ExitCode.Ok : ExitCode.Failed);
        },
        follower.onRun,
      );
    });
}
