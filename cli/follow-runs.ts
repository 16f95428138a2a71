import type { EventBridgeEvent } from '../local/eventbridge/index.js';
import type { LocalDeployOptions } from '../local/pipeline/index.js';
import type { CliIo } from './io.js';
import { createProgressView, type ProgressView } from './render/progress-view.js';
import { type RunOutcome, renderRunSummary, runOutcome } from './render/run-summary.js';
import type { FollowedRun, LocalTarget } from './target/local-target.js';

/** Describes what started a run, for its title line. */
function triggerTitle(event: EventBridgeEvent, index: number): string {
  const detail = event.detail as { object?: { key?: string }; project?: string; force?: boolean };
  const what =
    event['detail-type'] === 'Redeploy Requested'
      ? `redeploy ${detail.project ?? ''}${detail.force ? ' (forced)' : ''}`
      : `${event['detail-type'] === 'Object Deleted' ? 'delete' : 'upload'} ${detail.object?.key ?? ''}`;
  return `Run ${index + 1} · ${what}`;
}

/** Live progress for every run the local target starts; call `finish` to print the summaries. */
export function followRuns(
  io: CliIo,
  quiet: boolean,
): {
  readonly onRun: (event: EventBridgeEvent) => LocalDeployOptions;
  finish(target: LocalTarget, from: number): Promise<{ runs: FollowedRun[]; outcomes: RunOutcome[] }>;
} {
  const views: ProgressView[] = [];
  return {
    onRun: (event) => {
      if (quiet) return {};
      const view = createProgressView(io, triggerTitle(event, views.length));
      views.push(view);
      return { onEvent: view.onEvent };
    },
    finish: async (target, from) => {
      const runs = await target.settle(from);
      for (const view of views) view.close();
      const outcomes: RunOutcome[] = [];
      for (const run of runs) {
        const deployId = (run.result.events[0]?.detail as { metadata?: { deployId?: string } } | undefined)
          ?.metadata?.deployId;
        const project = (run.result.events[0]?.detail as { metadata?: { project?: string } } | undefined)
          ?.metadata?.project;
        const receipt =
          deployId && project ? await target.store.receipts.getReceipt(project, deployId) : null;
        outcomes.push(runOutcome(run.result));
        if (!quiet) io.stdout(renderRunSummary(io, run.result, receipt));
      }
      return { runs, outcomes };
    },
  };
}
