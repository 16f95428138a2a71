import type { Command } from 'commander';
import { type DriftReport, detectDrift } from '../../functions/lib/drift/index.js';
import type { PlannedArtifact } from '../../functions/lib/planned-artifact.js';
import type { ProjectState } from '../../functions/lib/store/index.js';
import { type CliIo, ExitCode } from '../io.js';
import { checkProjectName, requireProject } from '../project-arg.js';
import { type Style, styleFor } from '../render/style.js';
import type { DeployTarget } from '../target/deploy-target.js';
import { readRecordedPlan } from '../target/read-stored-plan.js';
import { type TargetFlags, withTargetFlags } from '../target/target-flags.js';
import { withTarget } from '../target/with-target.js';

interface DriftFlags extends TargetFlags {
  readonly json?: boolean;
}

/**
 * `agentdrop drift [project]`: compares each deployed project's live harness or runtime with what its last
 * deploy set — the configuration the plan sets, the image digest, the `live` endpoint's version, the ownership
 * tags — and lists the fields that differ; a resource deleted behind agentdrop's back is drift too. Reads
 * STATE, the stored plan and the control plane; writes nothing and publishes no event. Exit 0 when nothing
 * drifted, 1 otherwise (like `diff`).
 * @throws ProjectNotFound for a project the target has never seen
 */
export function registerDriftCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  withTargetFlags(
    program
      .command('drift')
      .description('Compare deployed agents with what their last deploy set (read-only; exit 1 on drift).')
      .argument('[project]', 'project name (default: every deployed project)')
      .option('--json', 'print the drift reports as JSON'),
    'check',
  )
    .addHelpText(
      'after',
      '\nExamples:\n  agentdrop drift\n  agentdrop drift team --json\n  agentdrop drift support --stack agentdrop --profile prod\n\nExit codes: 0 no drift; 1 drift (a field changed or the resource is gone) or an error; 2 usage error.',
    )
    .action(async (project: string | undefined, flags: DriftFlags) => {
      if (project !== undefined) checkProjectName(project, 'argument');
      await withTarget(io, flags, async (target) => {
        let states: ProjectState[];
        if (project === undefined) states = await target.listStates();
        else {
          const { state } = await requireProject(target, project);
          states = state === null ? [] : [state];
        }
        const reports: DriftReport[] = [];
        for (const state of states) reports.push(await checkProject(target, state));
        io.stdout(
          flags.json ? `${JSON.stringify({ reports }, null, 2)}\n` : renderReports(reports, styleFor(io)),
        );
        setExit(reports.some((report) => report.drifted) ? ExitCode.Failed : ExitCode.Ok);
      });
    });
}

async function checkProject(target: DeployTarget, state: ProjectState): Promise<DriftReport> {
  // The stored plan carries the pre-flight's secret ARNs; the harness configuration reads none of them.
  const plan = (await readRecordedPlan(target, state)) as PlannedArtifact | null;
  return detectDrift({
    control: target.agentCoreControl(state.region),
    state,
    plan,
    stackName: target.stackName,
  });
}

function renderReports(reports: readonly DriftReport[], style: Style): string {
  if (reports.length === 0) return 'No deployed project to check.\n';
  const lines: string[] = [];
  for (const report of reports) {
    const where = `${report.mode} ${report.resource.name} in ${report.region}`;
    if (report.deleted) {
      lines.push(style.red(`${report.project}: deleted  the ${where} no longer exists`));
      continue;
    }
    if (!report.drifted) {
      lines.push(`${report.project}: no drift  ${where}`);
    } else {
      lines.push(style.yellow(`${report.project}: drift  ${where}`));
      for (const field of report.fields) {
        lines.push(`  ~ ${field.field}  ${show(field.expected)} → ${show(field.actual)}`);
      }
    }
    if (!report.planCompared) {
      lines.push(
        style.yellow('  (the deployed plan could not be read: its configuration fields were not compared)'),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A value on one line, at most 80 characters. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
