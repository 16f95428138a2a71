import type { Receipt } from '../../functions/lib/store/index.js';
import type { RunDeployResult } from '../../local/runner/index.js';
import type { CliIo } from '../io.js';
import { formatMs, styleFor } from './style.js';

/** The outcome a run ended with, from the event it published last. */
export type RunOutcome = 'Succeeded' | 'Failed' | 'Skipped' | 'Queued' | 'Destroyed';

const OutcomeByDetailType: Readonly<Record<string, RunOutcome>> = {
  'Deploy Succeeded': 'Succeeded',
  'Deploy Failed': 'Failed',
  'Deploy Skipped': 'Skipped',
  'Deploy Queued': 'Queued',
  'Agent Destroyed': 'Destroyed',
};

/** The outcome of a run: its outcome event, or Failed when it published none. */
export function runOutcome(result: RunDeployResult): RunOutcome {
  for (const event of [...result.events].reverse()) {
    const outcome = OutcomeByDetailType[event.detailType];
    if (outcome) return outcome;
  }
  return 'Failed';
}

const Hints: Readonly<Record<string, string>> = {
  'secret.missing': 'create the secret, then push again',
  ResourceFailed: 'fix the cause above; the next push updates or recreates the resource',
  BuildFailed: 'open the build log above',
  SmokeTestFailed: 'check smoke.prompt / smoke.expect in agentdrop.yaml and the agent prompt',
};

/** The closing summary of a run: outcome, resource, smoke cells, time, and where to look next. */
export function renderRunSummary(io: CliIo, result: RunDeployResult, receipt: Receipt | null): string {
  const style = styleFor(io);
  const outcome = runOutcome(result);
  const last = [...result.events].reverse().find((event) => OutcomeByDetailType[event.detailType]);
  const data = ((last?.detail as { data?: Record<string, unknown> } | undefined)?.data ?? {}) as Record<
    string,
    unknown
  >;
  const paint =
    outcome === 'Failed'
      ? style.red
      : outcome === 'Succeeded' || outcome === 'Destroyed'
        ? style.green
        : style.yellow;
  const lines = [
    `${paint(style.bold(outcome))}  ${style.dim(`${formatMs(result.durationMs)}, ${result.transitions} transitions`)}`,
  ];
  const field = (label: string, value: unknown): void => {
    if (value !== undefined && value !== null && value !== '')
      lines.push(`  ${label.padEnd(12)}${String(value)}`);
  };
  field('mode', receipt?.mode ?? data.mode);
  field('decision', receipt?.decision);
  field('resource', data.resourceArn ?? data.resourceName);
  field('version', data.resourceVersion);
  field('fingerprint', typeof data.fingerprint === 'string' ? data.fingerprint.slice(0, 16) : null);
  field('image', data.imageDigest);
  if (outcome === 'Skipped') field('reason', data.reason);
  if (outcome === 'Queued') field('queued', 'another run holds the project; this drop deploys when it ends');
  const cells = (data.cells as { cell: string; state: string; reason: string }[] | undefined) ?? [];
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
    const code = String(data.errorCode ?? result.error?.error ?? 'Unknown');
    lines.push(`  ${style.red(`${code}: ${String(data.message ?? result.error?.cause ?? '')}`)}`);
    field('state', data.failedState);
    for (const diagnostic of (data.diagnostics as
      | { code: string; where: string; message: string }[]
      | undefined) ?? []) {
      lines.push(`    ${diagnostic.code}  ${diagnostic.where}  ${diagnostic.message}`);
    }
    field('build log', data.buildLogUrl);
    const hint = Hints[code];
    if (hint) field('hint', hint);
  }
  if (receipt) lines.push(style.dim(`  next: agentdrop receipt ${receipt.project} ${receipt.deployId}`));
  return `${lines.join('\n')}\n`;
}
