import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AgentdropError } from '../../core/errors.js';
import type { Receipt } from '../../functions/lib/store/index.js';
import { type CliIo, ExitCode } from '../io.js';
import { checkProjectName, requireProject } from '../project-arg.js';
import { pagePlanOf, type ReceiptPagePlan, renderReceiptPage } from '../render/receipt-page/index.js';
import { formatMs } from '../render/style.js';
import type { DeployTarget } from '../target/deploy-target.js';
import { readStoredPlan } from '../target/read-stored-plan.js';
import { readRunSteps } from '../target/run-steps.js';
import { type TargetFlags, withTargetFlags } from '../target/target-flags.js';
import { withTarget } from '../target/with-target.js';

/**
 * `agentdrop receipt <project> [deployId]`: the full receipt of one deploy (the latest by default); with
 * `--html FILE`, the run report as one self-contained page (with the run's states from its execution history and
 * the stored plan's diagnostics and team).
 * @throws ProjectNotFound, ReceiptNotFound
 */
export function registerReceiptCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const command = program
    .command('receipt')
    .description(
      'Show the full receipt of a deploy: trigger, decision, durations, diagnostics, cells, links.',
    )
    .argument('<project>', 'project name')
    .argument('[deployId]', 'deploy id (default: the latest)')
    .option('--json', 'print the receipt as JSON')
    .option(
      '--html <file>',
      'write the run report to FILE: one self-contained HTML page (timeline, decision, diagnostics, smoke-test trace, console links)',
    );
  withTargetFlags(command, 'read')
    .addHelpText(
      'after',
      '\nExamples:\n  agentdrop receipt team\n  agentdrop receipt team 01JD3Z8K6Q2W7X9Y4V5T3R2P1N --json\n  agentdrop receipt team --html team-report.html',
    )
    .action(
      async (
        project: string,
        deployId: string | undefined,
        flags: TargetFlags & { json?: boolean; html?: string },
      ) => {
        // A bad name is refused before a local cloud starts for it.
        checkProjectName(project, 'argument');
        await withTarget(io, flags, async (target) => {
          const { latestReceipt } = await requireProject(target, project);
          const receipt = deployId
            ? await target.store.receipts.getReceipt(project, deployId)
            : latestReceipt;
          if (!receipt) {
            throw new AgentdropError(
              'ReceiptNotFound',
              `No receipt for ${project}${deployId ? ` deploy ${deployId}` : ''}.`,
              {
                project,
              },
            );
          }
          if (flags.html !== undefined) {
            const file = resolve(io.cwd, flags.html);
            const page = renderReceiptPage({
              receipt,
              steps: await readRunSteps(target, receipt.executionArn),
              plan: await reportPlan(target, receipt.project, receipt.deployId),
              functionLogGroups: receipt.emulated ? [] : await functionLogGroups(target),
            });
            await writeFile(file, page);
            io.stderr(
              `Wrote the run report of ${receipt.project} deploy ${receipt.deployId} to ${flags.html}.\n`,
            );
          }
          if (flags.json) io.stdout(`${JSON.stringify(receipt, null, 2)}\n`);
          else if (flags.html === undefined) io.stdout(renderReceipt(receipt));
          setExit(ExitCode.Ok);
        });
      },
    );
}

/**
 * The pipeline functions' log groups for the report's console links. The links are a convenience: credentials
 * without `cloudformation:ListStackResources` get a report without them rather than no report.
 */
async function functionLogGroups(target: DeployTarget): Promise<string[]> {
  try {
    return Object.values((await target.pipelineLogGroups()).functions);
  } catch {
    return [];
  }
}

/** The report's parts of the plan the deploy stored, or null when there is none or the stack keeps no plans. */
async function reportPlan(
  target: DeployTarget,
  project: string,
  deployId: string,
): Promise<ReceiptPagePlan | null> {
  try {
    const plan = await readStoredPlan(target, project, deployId);
    return plan && pagePlanOf(plan);
  } catch (error) {
    if (error instanceof Error && error.name === 'ArtifactsBucketUnknown') return null;
    throw error;
  }
}

function renderReceipt(receipt: Receipt): string {
  const lines = [
    `${receipt.project}  deploy ${receipt.deployId}  ${receipt.outcome}${receipt.emulated ? '  (emulated)' : ''}`,
    `  trigger      ${receipt.trigger.kind} ${receipt.trigger.key ?? ''}${receipt.trigger.versionId ? ` (version ${receipt.trigger.versionId})` : ''}`,
    `  execution    ${receipt.executionArn}`,
    `  mode         ${receipt.mode ?? '-'}`,
    `  decision     ${receipt.decision ?? receipt.skipReason ?? '-'}`,
    `  fingerprint  ${receipt.fingerprint ?? '-'}`,
    `  started      ${receipt.startedAt}`,
    `  finished     ${receipt.finishedAt}`,
    `  durations    ${Object.entries(receipt.durations)
      .map(([stage, ms]) => `${stage.replace(/Ms$/, '')} ${formatMs(ms)}`)
      .join(', ')}`,
    `  diagnostics  ${receipt.diagnostics.errors} errors, ${receipt.diagnostics.warnings} warnings, ${receipt.diagnostics.infos} infos`,
  ];
  if (receipt.live)
    lines.push(`  live         version ${receipt.live.version} (${receipt.live.endpointArn})`);
  if (receipt.candidateVersion && receipt.outcome === 'failed') {
    lines.push(`  candidate    version ${receipt.candidateVersion} (not promoted)`);
  }
  if (receipt.versionCleanup?.deleted.length)
    lines.push(`  cleaned up   versions ${receipt.versionCleanup.deleted.join(', ')} (beyond the retention)`);
  if (receipt.versionCleanup?.warning)
    lines.push(
      `  warning      ${receipt.versionCleanup.warning.code}: ${receipt.versionCleanup.warning.message}`,
    );
  if (receipt.smokeTraceId)
    lines.push(
      `  smoke trace  ${receipt.smokeTraceId} (agentdrop traces ${receipt.project} ${receipt.smokeTraceId})`,
    );
  if (receipt.logGroups)
    lines.push(`  agent logs   ${receipt.logGroups.application} (usage: ${receipt.logGroups.usage})`);
  if (receipt.traceDelivery === 'XRAY')
    lines.push('  agent traces X-Ray (aws/spans with Transaction Search; agentdrop traces)');
  if (receipt.logDeliveryWarning)
    lines.push(`  warning      ${receipt.logDeliveryWarning.code}: ${receipt.logDeliveryWarning.message}`);
  if (receipt.error) {
    lines.push(`  error        ${receipt.error.code}: ${receipt.error.message}`);
    if (receipt.error.state) lines.push(`  failed in    ${receipt.error.state}`);
  }
  if (receipt.cells.length > 0) {
    lines.push('  cells');
    for (const cell of receipt.cells) {
      lines.push(`    ${cell.cell.padEnd(22)} ${cell.state.padEnd(10)} ${cell.reason}`);
      if (cell.evidence)
        lines.push(`      evidence: ${cell.evidence.replace(/\s*\n\s*/g, ' ').slice(0, 160)}`);
    }
  }
  if (receipt.links.console) lines.push(`  console      ${receipt.links.console}`);
  if (receipt.links.buildLog) lines.push(`  build log    ${receipt.links.buildLog}`);
  return `${lines.join('\n')}\n`;
}
