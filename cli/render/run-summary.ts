import { ExecutionStatus } from '../../functions/lib/execution-status/index.js';
import type { ProjectState, Receipt } from '../../functions/lib/store/index.js';
import type { PublishedEvent } from '../../local/runner/index.js';
import type { CliIo } from '../io.js';
import { formatMs, styleFor } from './style.js';

/** The outcome a run ended with. */
export type RunOutcome = 'Succeeded' | 'Failed' | 'Skipped' | 'Queued' | 'Destroyed';

/** What the summary of a run is built from: the execution, its receipt, and what else the target knows. */
export interface RunReport {
  readonly status: ExecutionStatus;
  readonly durationMs: number;
  /** States entered. */
  readonly transitions: number;
  /** The receipt the run wrote, or null when none was found. */
  readonly receipt: Receipt | null;
  /** The project's STATE after the run: the deployed resource's ARN, version and image. */
  readonly state?: ProjectState | null;
  /** The execution's error and cause when it failed. */
  readonly error?: { readonly error: string; readonly cause: string };
  /** Events the run published (local cloud only): the outcome event adds diagnostics and the resource. */
  readonly events?: readonly PublishedEvent[];
}

const OutcomeByDetailType: Readonly<Record<string, RunOutcome>> = {
  'Deploy Succeeded': 'Succeeded',
  'Deploy Failed': 'Failed',
  'Deploy Skipped': 'Skipped',
  'Deploy Queued': 'Queued',
  'Agent Destroyed': 'Destroyed',
};

const OutcomeByReceipt: Readonly<Record<string, RunOutcome>> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  rejected: 'Failed',
  skipped: 'Skipped',
  queued: 'Queued',
  destroyed: 'Destroyed',
};

/**
 * The outcome of a run: its outcome event, else its receipt, else Succeeded only when the execution
 * succeeded (a run that published and recorded nothing failed).
 */
export function runOutcome(report: RunReport): RunOutcome {
  const fromEvent = outcomeEvent(report.events)?.outcome;
  if (fromEvent) return fromEvent;
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
  const data = outcomeEvent(report.events)?.data ?? {};
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
  const fingerprint = data.fingerprint ?? (outcome === 'Succeeded' ? receipt?.fingerprint : null);
  field('mode', receipt?.mode ?? data.mode);
  field('decision', receipt?.decision);
  field('resource', data.resourceArn ?? data.resourceName ?? state?.resource.arn ?? state?.resource.name);
  field('version', data.resourceVersion ?? state?.resource.version);
  field('fingerprint', typeof fingerprint === 'string' ? fingerprint.slice(0, 16) : null);
  field('image', data.imageDigest ?? state?.image);
  if (outcome === 'Skipped') field('reason', data.reason ?? receipt?.skipReason);
  if (outcome === 'Queued') field('queued', 'another run holds the project; this drop deploys when it ends');
  const cells =
    (data.cells as { cell: string; state: string; reason: string }[] | undefined) ?? receipt?.cells ?? [];
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
    const code = String(data.errorCode ?? receipt?.error?.code ?? report.error?.error ?? 'Unknown');
    const message = data.message ?? receipt?.error?.message ?? report.error?.cause ?? '';
    lines.push(`  ${style.red(`${code}: ${String(message)}`)}`);
    field('state', data.failedState ?? receipt?.error?.state);
    for (const diagnostic of (data.diagnostics as
      | { code: string; where: string; message: string }[]
      | undefined) ?? []) {
      lines.push(`    ${diagnostic.code}  ${diagnostic.where}  ${diagnostic.message}`);
    }
    field('build log', data.buildLogUrl ?? receipt?.links.buildLog);
    const hint = Hints[code];
    if (hint) field('hint', hint);
  }
  if (receipt?.links.console && !receipt.emulated) field('console', receipt.links.console);
  if (receipt) lines.push(style.dim(`  next: agentdrop receipt ${receipt.project} ${receipt.deployId}`));
  return `${lines.join('\n')}\n`;
}

/** The last outcome event a run published, with its `data`. */
function outcomeEvent(
  events: readonly PublishedEvent[] | undefined,
): { outcome: RunOutcome; data: Record<string, unknown> } | null {
  for (const event of [...(events ?? [])].reverse()) {
    const outcome = OutcomeByDetailType[event.detailType];
    if (outcome) {
      const data = (event.detail as { data?: Record<string, unknown> } | undefined)?.data ?? {};
      return { outcome, data };
    }
  }
  return null;
}
