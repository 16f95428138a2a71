import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { zipFiles } from '../../core/bundle/index.js';
import { planDeploy } from '../../core/plan/index.js';
import { DropNotDeployable } from '../errors.js';
import { followRuns, runsJson } from '../follow-runs.js';
import { type CliIo, ExitCode } from '../io.js';
import { loadDrop } from '../load-drop.js';
import { checkProjectName } from '../project-arg.js';
import { resolveTarget } from '../target/resolve-target.js';
import { type TargetFlags, withTargetFlags } from '../target/target-flags.js';
import { withTarget } from '../target/with-target.js';

interface PushFlags extends TargetFlags {
  readonly project?: string;
  readonly follow: boolean;
  readonly json?: boolean;
  readonly forceUpload?: boolean;
}

/**
 * `agentdrop push <dir|zip>`: checks the drop offline, uploads it as `drops/<project>.zip` and follows
 * the run(s) it starts. Exit 0 when every run ended Succeeded, Skipped or Queued; 1 otherwise.
 * @throws InvalidProjectName (with the `--project` to use), DropNotDeployable (nothing uploaded)
 */
export function registerPushCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  withTargetFlags(
    program
      .command('push')
      .description('Upload an agent folder or zip as a drop and follow the deploy it starts.')
      .argument('<drop>', 'agent folder or .zip file')
      .option('--project <name>', 'project name (default: the folder or zip name)'),
    'deploy to',
  )
    .option('--no-follow', 'upload and return without waiting for the run')
    .option('--json', 'print the runs (or the refusal) as JSON instead of the live view')
    .option('--force-upload', 'upload even when the offline check finds errors (the pipeline rejects it)')
    .addHelpText(
      'after',
      '\nExamples:\n  agentdrop push examples/team\n  agentdrop push ./support-bot.zip --project support\n  agentdrop push examples/single --json\n  agentdrop push ./my-agent --stack agentdrop --profile prod --region eu-central-1\n\nExit codes: 0 succeeded, skipped or queued; 1 failed or refused; 2 usage error.',
    )
    .action(async (drop: string, flags: PushFlags) => {
      // A usage error (--local with --stack) is reported before the drop is read.
      resolveTarget(flags, io);
      const loaded = await loadDrop(drop, io.cwd);
      const project = flags.project ?? loaded.defaultProject;
      // The key drops/<project>.zip must be valid even with --force-upload, which is for the drop's content.
      checkProjectName(project, 'flag');
      const plan = planDeploy(loaded.bundle, { project });
      if (!plan.deployable && !flags.forceUpload) {
        throw new DropNotDeployable(
          project,
          plan.diagnostics.filter((d) => d.level === 'error'),
        );
      }
      const zip =
        loaded.kind === 'zip'
          ? new Uint8Array(await readFile(loaded.path))
          : zipFiles(loaded.bundle.ok ? loaded.bundle.tree.files : new Map());
      const follower = followRuns(io, Boolean(flags.json) || !flags.follow);
      await withTarget(
        io,
        flags,
        async (target) => {
          const seeded = await target.seedSecrets(plan.secretNames, io.env);
          for (const { name, from } of seeded)
            io.stderr(
              from === 'environment'
                ? `Seeded local secret ${target.secretPrefix}${name} from the environment variable ${name}.\n`
                : `Seeded local secret ${target.secretPrefix}${name} with a random placeholder (sent to the MCP server, which will refuse it); set a real value with: agentdrop secrets set ${name}\n`,
            );
          const trigger = await target.upload(project, zip);
          if (!flags.follow && !target.runsHere) {
            io.stdout(
              flags.json
                ? `${JSON.stringify({ uploaded: `drops/${project}.zip`, bytes: zip.byteLength, project }, null, 2)}\n`
                : `Uploaded drops/${project}.zip (${zip.byteLength} bytes); follow it with: agentdrop status ${project}\n`,
            );
            setExit(ExitCode.Ok);
            return;
          }
          // A cloud in this process dies with it, so its runs are always awaited; --no-follow only keeps them quiet.
          const { runs, outcomes } = await follower.finish(target, trigger);
          if (!flags.follow && !flags.json) {
            io.stdout(`Uploaded drops/${project}.zip (${zip.byteLength} bytes): ${outcomes.join(', ')}.\n`);
          }
          if (flags.json) io.stdout(`${JSON.stringify(runsJson(runs), null, 2)}\n`);
          setExit(
            outcomes.length > 0 && outcomes.every((outcome) => outcome !== 'Failed')
              ? ExitCode.Ok
              : ExitCode.Failed,
          );
        },
        follower.onRun,
      );
    });
}
