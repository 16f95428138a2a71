import type { Command } from 'commander';
import { type DeployDiff, diffDeploy } from '../../core/diff/index.js';
import { planDeploy } from '../../core/plan/index.js';
import { type CliIo, ExitCode } from '../io.js';
import { loadDrop } from '../load-drop.js';
import { checkProjectName } from '../project-arg.js';
import { diagnosticLine } from '../render/plan-view.js';
import { type Style, styleFor } from '../render/style.js';
import { readRecordedPlan } from '../target/read-stored-plan.js';
import { resolveTarget } from '../target/resolve-target.js';
import { type TargetFlags, withTargetFlags } from '../target/target-flags.js';
import { withTarget } from '../target/with-target.js';

interface DiffFlags extends TargetFlags {
  readonly project?: string;
  readonly json?: boolean;
}

/**
 * `agentdrop diff <dir|zip>`: what a push would do, against what the target recorded — the pipeline's decision
 * (skip, update, recreate, replace or create) and every added, removed or changed agent, model, skill, MCP
 * server, secret binding and built-in. Reads STATE, the deployed plan and the secrets' version ids; calls no
 * AgentCore API and writes nothing. Exit 0 when the push would be skipped, 1 otherwise (CI can gate on it).
 * @throws InvalidProjectName (with the `--project` to use)
 */
export function registerDiffCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  withTargetFlags(
    program
      .command('diff')
      .description('Show what a push would change, against the deployed plan (no AgentCore call, no write).')
      .argument('<drop>', 'agent folder or .zip file')
      .option('--project <name>', 'project name (default: the folder or zip name)')
      .option('--json', 'print the decision and the changes as JSON'),
    'compare with',
  )
    .addHelpText(
      'after',
      '\nExamples:\n  agentdrop diff examples/team\n  agentdrop diff ./support-bot.zip --project support --json\n  agentdrop diff ./my-agent --stack agentdrop --profile prod\n\nExit codes: 0 nothing would change (the push would be skipped); 1 something would (or the drop would be\nrejected); 2 usage error.',
    )
    .action(async (drop: string, flags: DiffFlags) => {
      resolveTarget(flags, io);
      // Only planned: the drop's bytes are read when the plan needs them (see loadDrop).
      const loaded = await loadDrop(drop, io.cwd, { onDemand: true });
      const project = flags.project ?? loaded.defaultProject;
      checkProjectName(project, 'flag');
      await withTarget(io, flags, async (target) => {
        // Planned as the pipeline plans it: the stack's region and secret prefix (spec §1.4).
        const next = planDeploy(loaded.bundle, {
          project,
          stackRegion: target.region,
          secretPrefix: target.secretPrefix,
        });
        const state = await target.store.state.getState(project);
        const previous = state ? await readRecordedPlan(target, state) : null;
        const secrets = await target.listSecrets();
        const diff = diffDeploy({
          next,
          state: state && {
            mode: state.mode,
            region: state.region,
            name: state.resource.name,
            fingerprint: state.fingerprint,
          },
          previous,
          secretVersions: new Map(
            secrets.flatMap((secret) =>
              secret.versionId === null
                ? []
                : [[secret.name.slice(target.secretPrefix.length), secret.versionId]],
            ),
          ),
        });
        io.stdout(flags.json ? `${JSON.stringify(diff, null, 2)}\n` : renderDiff(diff, styleFor(io)));
        setExit(diff.decision === 'skip' ? ExitCode.Ok : ExitCode.Failed);
      });
    });
}

const Marks = { added: '+', removed: '-', changed: '~' } as const;

function renderDiff(diff: DeployDiff, style: Style): string {
  const lines = [`${style.bold(`${diff.project}: ${diff.decision}`)}  ${diff.reason}`];
  if (!diff.previousPlan && diff.decision !== 'create') {
    lines.push(style.yellow('  (the deployed plan could not be read: changes are listed against nothing)'));
  }
  if (diff.changes.length > 0) {
    const width = Math.max(...diff.changes.map((change) => `${change.subject} ${change.name}`.length));
    lines.push('');
    for (const change of diff.changes) {
      const mark = Marks[change.kind];
      const paint =
        change.kind === 'added' ? style.green : change.kind === 'removed' ? style.red : style.yellow;
      const label = `${change.subject} ${change.name}`.padEnd(width);
      lines.push(
        `${paint(`${mark} ${label}`)}${change.detail === null ? '' : `  ${change.detail}`}`.trimEnd(),
      );
    }
  }
  if (diff.diagnostics.length > 0) {
    lines.push('', 'Errors');
    for (const diagnostic of diff.diagnostics) lines.push(`  ${diagnosticLine(diagnostic)}`);
  }
  const short = (hash: string | null): string => hash?.slice(0, 12) ?? '-';
  lines.push('', `spec hash  ${short(diff.specHash.before)} → ${short(diff.specHash.after)}`);
  return `${lines.join('\n')}\n`;
}
