import type { Command } from 'commander';
import { planDeploy } from '../../core/plan/index.js';
import { type CliIo, ExitCode } from '../io.js';
import { loadDrop } from '../load-drop.js';
import { type PlanFlags, planOptionsFrom, withPlanFlags } from '../plan-flags.js';
import { projectFlagHint } from '../project-arg.js';
import { renderPlan } from '../render/plan-view.js';

/** `agentdrop plan <dir|zip>`: checks a drop offline and shows what would be deployed. */
export function registerPlanCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  withPlanFlags(
    program
      .command('plan')
      .description('Check a drop offline and show the deploy plan (no AWS call).')
      .argument('<drop>', 'agent folder or .zip file')
      .option('--json', 'print the plan object as JSON'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  agentdrop plan examples/team\n  agentdrop plan team.zip --json\n  agentdrop plan ./my-agent --mode runtime --region eu-central-1\n\nExit codes: 0 deployable, 1 not deployable or bad drop, 2 usage error.',
    )
    .action(async (drop: string, flags: PlanFlags & { json?: boolean }) => {
      // The plan needs the bytes of a few files only (agents, SKILL.md, knowledge, mcp.json, the manifest).
      const loaded = await loadDrop(drop, io.cwd, { onDemand: true });
      const plan = planDeploy(loaded.bundle, planOptionsFrom(flags, loaded.defaultProject));
      io.stdout(flags.json ? `${JSON.stringify(plan, null, 2)}\n` : renderPlan(plan));
      const hint = projectFlagHint(plan.project);
      if (hint !== null) io.stderr(`project.invalid_name: ${hint}\n`);
      setExit(plan.deployable ? ExitCode.Ok : ExitCode.Failed);
    });
}
