import { ExecutionStatus } from '../functions/lib/execution-status/index.js';
import type { Receipt } from '../functions/lib/store/index.js';
import type { EventBridgeEvent } from '../local/eventbridge/index.js';
import type { CliIo } from './io.js';
import { createProgressView, type ProgressView } from './render/progress-view.js';
import { type RunOutcome, type RunReport, renderRunSummary, runOutcome } from './render/run-summary.js';
import type { DeployTarget, FollowedRun, RunListener, RunTrigger } from './target/deploy-target.js';

/** A followed run with its receipt and outcome, as `push --json` prints it. */
export interface SettledRun {
  readonly run: FollowedRun;
  readonly receipt: Receipt | null;
  readonly outcome: RunOutcome;
}

/** Describes what started a run, for its title line. */
function triggerTitle(event: EventBridgeEvent, index: number): string {
  const detail = event.detail as { object?: { key?: string }; project?: string; force?: boolean };
  const what =
    event['detail-type'] === 'Redeploy Requested'
      ? `redeploy ${detail.project ?? ''}${detail.force ? ' (forced)' : ''}`
      : `${event['detail-type'] === 'Object Deleted' ? 'delete' : 'upload'} ${detail.object?.key ?? ''}`;
  return `Run ${index + 1} · ${what}`;
}

/**
 * Live progress for every run a target starts (locally) or finds (AWS); call `finish` with the action's
 * trigger to wait for the runs and print their summaries.
 */
export function followRuns(
  io: CliIo,
  quiet: boolean,
): {
  readonly onRun: RunListener;
  finish(target: DeployTarget, trigger: RunTrigger): Promise<{ runs: SettledRun[]; outcomes: RunOutcome[] }>;
} {
  const views: ProgressView[] = [];
  return {
    onRun: (event) => {
      if (quiet) return undefined;
      const view = createProgressView(io, triggerTitle(event, views.length));
      views.push(view);
      return view.onEvent;
    },
    finish: async (target, trigger) => {
      let followed: FollowedRun[];
      try {
        followed = await target.settle(trigger);
      } finally {
        for (const view of views) view.close();
      }
      const runs: SettledRun[] = [];
      for (const run of followed) {
        const receipt = await target.receiptOf(run);
        const state =
          run.status === ExecutionStatus.Succeeded && receipt
            ? await target.store.state.getState(run.project)
            : null;
        const report: RunReport = {
          status: run.status,
          durationMs: run.durationMs,
          transitions: run.transitions,
          receipt,
          state,
          ...(run.error ? { error: run.error } : {}),
        };
        runs.push({ run, receipt, outcome: runOutcome(report) });
        if (!quiet) io.stdout(renderRunSummary(io, report));
      }
      return { runs, outcomes: runs.map((run) => run.outcome) };
    },
  };
}

/** The runs as `--json` prints them (`push`, `redeploy`, `destroy`): one object per run, in the order found. */
export function runsJson(runs: readonly SettledRun[]): Record<string, unknown>[] {
  return runs.map(({ run, receipt, outcome }) => ({
    outcome,
    status: run.status,
    executionArn: run.executionArn,
    deployId: receipt?.deployId ?? run.deployId,
    durationMs: run.durationMs,
    transitions: run.transitions,
    receipt,
  }));
}
