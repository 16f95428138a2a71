import type { Command } from 'commander';
import type { DriftRecord, ProjectState, Receipt } from '../../functions/lib/store/index.js';
import { type CliIo, ExitCode } from '../io.js';
import { checkProjectName, requireProject } from '../project-arg.js';
import type { DeployTarget } from '../target/deploy-target.js';
import { type TargetFlags, withTargetFlags } from '../target/target-flags.js';
import { withTarget } from '../target/with-target.js';

interface StatusFlags extends TargetFlags {
  readonly json?: boolean;
}

/**
 * `agentdrop status [project]`: every project's deployed state, or one project's STATE and last 10 deploys.
 * @throws ProjectNotFound for a project the target has never seen
 */
export function registerStatusCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  withTargetFlags(
    program
      .command('status')
      .description("Show every project's deployed state, or one project's state and its last 10 deploys.")
      .argument('[project]', 'project name')
      .option('--json', 'print JSON'),
    'read',
  )
    .addHelpText('after', '\nExamples:\n  agentdrop status\n  agentdrop status team --json')
    .action(async (project: string | undefined, flags: StatusFlags) => {
      // A bad name is refused before a local cloud starts for it.
      if (project !== undefined) checkProjectName(project, 'argument');
      await withTarget(io, flags, async (target) => {
        if (project) {
          const { state } = await requireProject(target, project);
          const deploys = await target.store.receipts.listReceipts(project, { limit: 10 });
          const drift = await currentDrift(target, state);
          if (flags.json) io.stdout(`${JSON.stringify({ project, state, deploys, drift }, null, 2)}\n`);
          else io.stdout(renderProject(project, state, deploys, drift));
          setExit(ExitCode.Ok);
          return;
        }
        const states = await target.listStates();
        const rows = await Promise.all(
          states.map(async (state) => ({
            state,
            last: (await target.store.receipts.listReceipts(state.project, { limit: 1 }))[0] ?? null,
            drift: await currentDrift(target, state),
          })),
        );
        if (flags.json) io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
        else io.stdout(renderProjects(rows));
        setExit(ExitCode.Ok);
      });
    });
}

/**
 * The last scheduled drift check of the deploy STATE names; null when none ran since that deploy (a later deploy
 * sets every field again, so an older check says nothing about it).
 */
async function currentDrift(target: DeployTarget, state: ProjectState | null): Promise<DriftRecord | null> {
  if (state === null) return null;
  const drift = await target.store.drift.getDrift(state.project);
  return drift?.lastDeployId === state.lastDeployId ? drift : null;
}

/** The DRIFT column and line: `-` unchecked, `none`, `deleted`, or the drifted fields. */
function driftSummary(drift: DriftRecord | null): string {
  if (drift === null) return '-';
  if (drift.deleted) return 'deleted';
  return drift.drifted ? drift.fields.join(', ') : 'none';
}

function renderProjects(
  rows: readonly { state: ProjectState; last: Receipt | null; drift: DriftRecord | null }[],
): string {
  if (rows.length === 0) return 'No deployed projects. Deploy one with: agentdrop push examples/team\n';
  const header = ['PROJECT', 'MODE', 'VERSION', 'LIVE', 'LAST DEPLOY', 'OUTCOME', 'FINGERPRINT', 'DRIFT'];
  const lines = rows.map(({ state, last, drift }) => [
    state.project,
    state.mode,
    state.resource.version ?? '-',
    state.live?.version ?? '-',
    last?.finishedAt ?? state.updatedAt,
    last?.outcome ?? '-',
    state.fingerprint.slice(0, 12),
    driftSummary(drift),
  ]);
  return table([header, ...lines]);
}

function renderProject(
  project: string,
  state: ProjectState | null,
  deploys: readonly Receipt[],
  drift: DriftRecord | null,
): string {
  const lines: string[] = [];
  if (state) {
    lines.push(`${project}  ${state.mode} in ${state.region}`);
    lines.push(`  resource     ${state.resource.arn ?? state.resource.name}`);
    lines.push(`  version      ${state.resource.version ?? '-'}`);
    if (state.live) {
      lines.push(`  live         version ${state.live.version} (call ${state.live.endpointArn})`);
    }
    if (state.passedVersions && state.passedVersions.length > 0) {
      lines.push(`  passed       ${state.passedVersions.map((entry) => entry.version).join(', ')}`);
    }
    lines.push(`  fingerprint  ${state.fingerprint}`);
    if (state.image) lines.push(`  image        ${state.image}`);
    if (state.codePackage) lines.push(`  code         ${state.codePackage}`);
    lines.push(`  updated      ${state.updatedAt} (deploy ${state.lastDeployId})`);
    if (drift !== null) lines.push(`  drift        ${driftSummary(drift)} (checked ${drift.checkedAt})`);
  } else {
    lines.push(`${project}  not deployed`);
  }
  if (deploys.length > 0) {
    lines.push('', 'Last deploys');
    lines.push(
      table([
        ['DEPLOY', 'FINISHED', 'TRIGGER', 'OUTCOME', 'DECISION', 'CODE'],
        ...deploys.map((d) => [
          d.deployId,
          d.finishedAt,
          d.trigger.kind,
          d.outcome,
          d.decision ?? d.skipReason ?? '-',
          d.error?.code ?? '',
        ]),
      ]).trimEnd(),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Left-aligned columns separated by two spaces. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return `${rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}
