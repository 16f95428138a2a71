import { ExecutionStatus } from '../../functions/lib/execution-status/index.js';
import type { ProjectState, Receipt } from '../../functions/lib/store/index.js';
import type { CliIo } from '../io.js';
import { formatMs, styleFor } from './style.js';

/** The outcome a run ended with. */
export type RunOutcome = 'Succeeded' | 'Failed' | 'Skipped' | 'Queued' | 'Destroyed';

/** What the summary of a run is built from: the execution, its receipt and the project's STATE. */
export interface RunReport {
  readonly status: ExecutionStatus;
  readonly durationMs: number;
  /** States entered. */
  readonly transitions: number;
  /** The receipt the run wrote, or null when none was found. */
  readonly receipt: Receipt | null;
  /** The project's STATE after the run: the deployed resource's ARN, version and image or code package. */
  readonly state?: ProjectState | null;
  /** The execution's error and cause when it failed. */
  readonly error?: { readonly error: string; readonly cause: string };
}

const OutcomeByReceipt: Readonly<Record<string, RunOutcome>> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  rejected: 'Failed',
  skipped: 'Skipped',
  queued: 'Queued',
  destroyed: 'Destroyed',
};

/**
 * The outcome of a run: its receipt's, else Succeeded only when the execution succeeded (a run that recorded
 * nothing failed).
 */
export function runOutcome(report: RunReport): RunOutcome {
  const fromReceipt = report.receipt ? OutcomeByReceipt[report.receipt.outcome] : undefined;
  if (fromReceipt) return fromReceipt;
  return report.status === ExecutionStatus.Succeeded ? 'Succeeded' : 'Failed';
}

const Hints: Readonly<Record<string, string>> = {
  'secret.missing':
    'agentdrop secrets set NAME, then push again (locally a NAME environment variable also works)',
  ResourceFailed: 'fix the cause above; the next push updates or recreates the resource',
  BuildFailed: 'open the build log above',
  SmokeTestFailed: 'check smoke.prompt / smoke.expect in agentdrop.yaml and the agent prompt',
};

/** The closing summary of a run: outcome, resource, smoke cells, time, and where to look next. */
export function renderRunSummary(io: CliIo, report: RunReport): string {
  const style = styleFor(io);
  const outcome = runOutcome(report);
  const { receipt } = report;
  // STATE describes this run's resource only when this run wrote it.
  const state =
    report.state && receipt && report.state.lastDeployId === receipt.deployId ? report.state : null;
  const paint =
    outcome === 'Failed'
      ? style.red
      : outcome === 'Succeeded' || outcome === 'Destroyed'
        ? style.green
        : style.yellow;
  const lines = [
    `${paint(style.bold(outcome))}  ${style.dim(`${formatMs(report.durationMs)}, ${report.transitions} transitions`)}`,
  ];
  const field = (label: string, value: unknown): void => {
    if (value !== undefined && value !== null && value !== '')
      lines.push(`  ${label.padEnd(12)}${String(value)}`);
  };
  const fingerprint = outcome === 'Succeeded' ? receipt?.fingerprint : null;
  field('mode', receipt?.mode);
  field('decision', receipt?.decision);
  field('resource', state?.resource.arn ?? state?.resource.name);
  field('version', state?.resource.version);
  // The endpoint users call and the version it serves: moved by a success, left on the last good one by a failure.
  field('live', receipt?.live ? `version ${receipt.live.version}  ${receipt.live.endpointArn}` : null);
  if (outcome === 'Failed') field('candidate', receipt?.candidateVersion);
  field('fingerprint', typeof fingerprint === 'string' ? fingerprint.slice(0, 16) : null);
  field('image', state?.image);
  field('code', state?.codePackage);
  if (outcome === 'Skipped') {
    const reason = receipt?.skipReason;
    field('reason', reason);
    // Spec §11: an unchanged READY resource is skipped unless the request or the manifest forces a deploy.
    if (reason === 'unchanged') {
      const project = receipt?.project ?? '<project>';
      field(
        'hint',
        `to deploy anyway: agentdrop redeploy ${project} --force (or force: true in agentdrop.yaml)`,
      );
    }
  }
  if (outcome === 'Queued') field('queued', 'another run holds the project; this drop deploys when it ends');
  const cells = receipt?.cells ?? [];
  if (cells.length > 0) {
    lines.push('  smoke test');
    for (const cell of cells) {
      const mark =
        cell.state === 'EXERCISED'
          ? style.green(cell.state)
          : cell.state === 'FAIL'
            ? style.red(cell.state)
            : style.yellow(cell.state);
      lines.push(
        `    ${cell.cell.padEnd(22)} ${mark.padEnd(style.color ? 20 : 10)} ${style.dim(cell.reason)}`,
      );
    }
  }
  if (outcome === 'Failed') {
    const code = String(receipt?.error?.code ?? report.error?.error ?? 'Unknown');
    const message = receipt?.error?.message ?? report.error?.cause ?? '';
    lines.push(`  ${style.red(`${code}: ${String(message)}`)}`);
    field('state', receipt?.error?.state);
    field('build log', receipt?.links.buildLog);
    const hint = Hints[code];
    if (hint) field('hint', hint);
  }
  if (receipt?.links.console && !receipt.emulated) field('console', receipt.links.console);
  if (receipt) lines.push(style.dim(`  next: agentdrop receipt ${receipt.project} ${receipt.deployId}`));
  return `${lines.join('\n')}\n`;
}
