import { followRuns, runsJson } from './follow-runs.js';
import { type CliIo, ExitCode } from './io.js';
import { requireProject } from './project-arg.js';
import type { DeployTarget, RunTrigger } from './target/deploy-target.js';
import type { TargetFlags } from './target/target-flags.js';
import { withTarget } from './target/with-target.js';

/**
 * The body of `redeploy`, `rollback` and `destroy`: on the flags' target, refuses a project it does not know
 * (ProjectNotFound, before `start` runs), starts the runs with `start`, follows them (the live view, or with
 * `--json` the runs as JSON) and exits 0 only when a run ended and none failed.
 */
export async function startAndFollowRuns(
  io: CliIo,
  flags: TargetFlags & { readonly json?: boolean },
  project: string,
  start: (target: DeployTarget) => Promise<RunTrigger>,
  setExit: (code: number) => void,
): Promise<void> {
  const follower = followRuns(io, Boolean(flags.json));
  await withTarget(
    io,
    flags,
    async (target) => {
      await requireProject(target, project);
      const trigger = await start(target);
      const { runs, outcomes } = await follower.finish(target, trigger);
      if (flags.json) io.stdout(`${JSON.stringify(runsJson(runs), null, 2)}\n`);
      setExit(outcomes.length > 0 && !outcomes.includes('Failed') ? ExitCode.Ok : ExitCode.Failed);
    },
    follower.onRun,
  );
}
