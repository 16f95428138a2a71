import { type Command, Option } from 'commander';
import type { PlanOptions, RequestedMode } from '../core/plan/index.js';

/** Flags shared by the offline `plan` and `build` commands (spec §1.4: requests override the manifest). */
export interface PlanFlags {
  readonly mode?: RequestedMode;
  readonly region?: string;
  readonly project?: string;
  readonly entry?: string;
}

/** Adds the request flags of the offline planner (spec §1.4) to a command. */
export function withPlanFlags(command: Command): Command {
  return command
    .addOption(
      new Option('--mode <mode>', 'deploy mode (overrides the manifest)').choices([
        'auto',
        'harness',
        'runtime',
      ]),
    )
    .option('--region <region>', 'target region (overrides the manifest)')
    .option('--project <name>', 'project name (default: the folder or zip name)')
    .option('--entry <agent>', 'agent that receives prompts (overrides the manifest)');
}

/** Planner options from the flags; the project falls back to the drop's name. */
export function planOptionsFrom(flags: PlanFlags, defaultProject: string): PlanOptions {
  return {
    project: flags.project ?? defaultProject,
    ...(flags.mode ? { mode: flags.mode } : {}),
    ...(flags.region ? { region: flags.region } : {}),
    ...(flags.entry ? { entry: flags.entry } : {}),
  };
}
