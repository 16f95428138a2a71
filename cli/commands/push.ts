import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { zipFiles } from '../../core/bundle/index.js';
import { planDeploy } from '../../core/plan/index.js';
import { followRuns } from '../follow-runs.js';
import { type CliIo, ExitCode } from '../io.js';
import { loadDrop } from '../load-drop.js';
import { diagnosticLine } from '../render/plan-view.js';
import { resolveTarget } from '../target/resolve-target.js';
import { withTarget } from '../target/with-target.js';

interface PushFlags {
  readonly project?: string;
  readonly local?: boolean;
  readonly stack?: string;
  readonly follow: boolean;
  readonly json?: boolean;
  readonly forceUpload?: boolean;
}

/**
 * `agentdrop push <dir|zip>`: checks the drop offline, uploads it as `drops/<project>.zip` and follows
 * the run(s) it starts. Exit 0 when every run ended Succeeded, Skipped or Queued; 1 otherwise.
 */
export function registerPushCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('push')
    .description('Upload an agent folder or zip as a drop and follow the deploy it starts.')
    .argument('<drop>', 'agent folder or .zip file')
    .option('--project <name>', 'project name (default: the folder or zip name)')
    .option('--local', 'deploy to the embedded local cloud (the default without a stack)')
    .option('--stack <name>', 'deploy to this AgentDrop stack on AWS (or set AGENTDROP_STACK)')
    .option('--no-follow', 'upload and return without waiting for the run')
    .option('--json', 'print the runs as JSON instead of the live view')
    .option('--force-upload', 'upload even when the offline check finds errors (the pipeline rejects it)')
    .addHelpText(
      'after',
      '\nExamples:\n  agentdrop push examples/team\n  agentdrop push ./support-bot.zip --project support\n  agentdrop push examples/single --json\n\nExit codes: 0 succeeded, skipped or queued; 1 failed or refused; 2 usage error.',
    )
    .action(async (drop: string, flags: PushFlags) => {
      // A usage error (--local with --stack) is reported before the drop is read.
      resolveTarget(flags, io);
      const loaded = await loadDrop(drop, io.cwd);
      const project = flags.project ?? loaded.defaultProject;
      const plan = planDeploy(loaded.bundle, { project });
      if (!plan.deployable && !flags.forceUpload) {
        io.stderr(`${project}: the drop is not deployable; nothing was uploaded.\n`);
        for (const diagnostic of plan.diagnostics.filter((d) => d.level === 'error')) {
          io.stderr(`  ${diagnosticLine(diagnostic)}\n`);
        }
        setExit(ExitCode.Failed);
        return;
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
          for (const name of seeded)
            io.stderr(
              `Seeded local secret ${target.secretPrefix}${name} from the environment variable ${name}.\n`,
            );
          const trigger = await target.upload(project, zip);
          if (!flags.follow && !target.runsHere) {
            io.stdout(
              `Uploaded drops/${project}.zip (${zip.byteLength} bytes); follow it with: agentdrop status ${project}\n`,
            );
            setExit(ExitCode.Ok);
            return;
          }
          // A cloud in this process dies with it, so its runs are always awaited; --no-follow only keeps them quiet.
          const { runs, outcomes } = await follower.finish(target, trigger);
          if (!flags.follow && !flags.json) {
            io.stdout(`Uploaded drops/${project}.zip (${zip.byteLength} bytes): ${outcomes.join(', ')}.\n`);
          }
          if (flags.json)
            io.stdout(
              `${JSON.stringify(
                runs.map(({ run, receipt, outcome }) => ({
                  outcome,
                  status: run.status,
                  executionArn: run.executionArn,
                  deployId: receipt?.deployId ?? run.deployId,
                  durationMs: run.durationMs,
                  transitions: run.transitions,
                  receipt,
                })),
                null,
                2,
              )}\n`,
            );
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
