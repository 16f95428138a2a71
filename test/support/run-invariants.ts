import { readFileSync } from 'node:fs';
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { DetailType } from '../../functions/lib/detail-types.js';
import { validateEventDetail } from '../../functions/lib/event-schemas.js';
import type { Receipt } from '../../functions/lib/store/index.js';
import type { EventBridgeEvent } from '../../local/eventbridge/index.js';
import { LocalStack as LocalStackNames } from '../../local/pipeline/index.js';
import type { RunDeployResult } from '../../local/runner/index.js';
import { listAgentCoreResources } from './agentcore-resources.js';
import { type EventDetail, Invariant, type InvariantTarget, type InvariantViolation } from './invariant.js';
import { checkProjectInvariants } from './project-invariants.js';

export { Invariant, type InvariantTarget, type InvariantViolation } from './invariant.js';

/** Options of {@link checkRunInvariants}. */
export interface RunInvariantsOptions {
  /** The runs to check, in the order they started (a chain of runs started by the rules, or one run). */
  readonly runs: readonly RunDeployResult[];
  /** The projects the runs touched: their lock, STATE, receipts and AgentCore resources are checked. */
  readonly projects: readonly string[];
  /**
   * Starts the next good drop of a project and resolves with the runs it caused; they must hold every
   * invariant too and end in success (Deploy Succeeded, Deploy Skipped or Agent Destroyed).
   * @default not checked
   */
  readonly nextDrop?: (project: string) => Promise<readonly RunDeployResult[]>;
}

/** Detail types that end a run, and the receipt outcome each one goes with. */
const outcomeReceipts: Readonly<Record<string, readonly string[]>> = {
  [DetailType.DeploySucceeded]: ['succeeded'],
  [DetailType.DeployFailed]: ['failed', 'rejected'],
  [DetailType.DeploySkipped]: ['skipped'],
  [DetailType.DeployQueued]: ['queued'],
  [DetailType.AgentDestroyed]: ['destroyed'],
};
const successes: readonly string[] = [
  DetailType.DeploySucceeded,
  DetailType.DeploySkipped,
  DetailType.AgentDestroyed,
];
/** A PascalCase error name (`ResourceFailed`, `Lambda.Unknown`) or a dotted diagnostic code (`secret.missing`). */
const stableCode = /^(?:[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)*|[a-z_]+\.[a-z_]+)$/;
const unstableCodes = new Set(['Error', 'Unknown', 'TypeError', 'ReferenceError']);
const pathErrors = new Set(['States.Runtime', 'States.DataLimitExceeded']);
const stateNames = readStateNames(new URL('../../statemachine/deploy.asl.json', import.meta.url));

/**
 * Checks the run invariants of DESIGN §8 after a run or a chain of runs has ended (call it once the rules are
 * idle): exactly one valid outcome event per run, no path errors, failures named by a stable code and the
 * failing state (event and receipt), free locks, no queued drop left behind, STATE/receipt/event agreement,
 * no unrecorded AgentCore resource, and — with `nextDrop` — that the next good drop succeeds. Returns every
 * violation found (empty when all hold).
 */
export async function checkRunInvariants(
  target: InvariantTarget,
  options: RunInvariantsOptions,
): Promise<InvariantViolation[]> {
  const violations: InvariantViolation[] = [];
  const busEvents = target.cloud.events.events(LocalStackNames.eventBusName);
  const outcomes = new Map<string, EventBridgeEvent>();
  const projects = new Map<string, string | null>();
  for (const run of options.runs) {
    const { project, outcome } = await checkRun(target, run, busEvents, violations);
    projects.set(run.executionArn, project);
    if (outcome !== undefined) outcomes.set(run.executionArn, outcome);
  }
  const control = new BedrockAgentCoreControlClient(target.cloud.clientConfig('agentcore-control'));
  try {
    const resources = await listAgentCoreResources(control);
    for (const project of options.projects) {
      const runs = options.runs.filter((run) => projects.get(run.executionArn) === project);
      await checkProjectInvariants(
        target,
        control,
        resources,
        project,
        runs,
        outcomes,
        busEvents,
        violations,
      );
    }
  } finally {
    control.destroy();
  }
  if (options.nextDrop !== undefined) {
    for (const project of options.projects) {
      const next = await options.nextDrop(project);
      const nested = await checkRunInvariants(target, { runs: next, projects: [project] });
      violations.push(
        ...nested.map((violation) => ({
          ...violation,
          invariant: Invariant.NextDropSucceeds,
          message: `next drop: ${violation.invariant}: ${violation.message}`,
        })),
      );
      const last = next.at(-1);
      const finalType = last?.events
        .filter((event) => event.detailType in outcomeReceipts)
        .at(-1)?.detailType;
      if (last === undefined || last.status !== 'SUCCEEDED' || !successes.includes(finalType ?? '')) {
        violations.push({
          invariant: Invariant.NextDropSucceeds,
          project,
          executionArn: last?.executionArn ?? null,
          message: `the next good drop ended ${last?.status ?? 'without a run'} with ${finalType ?? 'no outcome'}${last?.error ? ` (${last.error.error}: ${last.error.cause.slice(0, 300)})` : ''}`,
        });
      }
    }
  }
  return violations;
}

/** One line per violation, for test output. */
export function formatViolations(violations: readonly InvariantViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.invariant}${v.project ? ` [${v.project}]` : ''}${v.executionArn ? ` ${v.executionArn.split(':').at(-1)}` : ''}: ${v.message}`,
    )
    .join('\n');
}

async function checkRun(
  target: InvariantTarget,
  run: RunDeployResult,
  busEvents: readonly EventBridgeEvent[],
  violations: InvariantViolation[],
): Promise<{ project: string | null; outcome: EventBridgeEvent | undefined }> {
  const own = busEvents.filter((event) => event.resources.includes(run.executionArn));
  const ended = own.filter((event) => event['detail-type'] in outcomeReceipts);
  const project = projectOf(own[0]);
  const violation = (invariant: Invariant, message: string): void => {
    violations.push({ invariant, project, executionArn: run.executionArn, message });
  };
  if (run.error !== undefined && pathErrors.has(run.error.error)) {
    violation(
      Invariant.NoPathError,
      `the execution failed with ${run.error.error}: ${run.error.cause.slice(0, 300)}`,
    );
  }
  if (ended.length !== 1) {
    violation(
      Invariant.OneOutcome,
      `${ended.length} outcome events (${ended.map((event) => event['detail-type']).join(', ') || 'none'}); execution ${run.status}${run.error ? ` ${run.error.error}` : ''}${run.finalised ? ' (finalised)' : ''}`,
    );
  }
  const event = ended[0];
  if (event === undefined) return { project, outcome: undefined };
  const detailType = event['detail-type'];
  const validation = validateEventDetail(detailType, event.detail);
  if (!validation.ok)
    violation(Invariant.OneOutcome, `${detailType} is invalid: ${validation.errors.join('; ')}`);
  const failed = detailType === DetailType.DeployFailed;
  if (failed === (run.status === 'SUCCEEDED')) {
    violation(Invariant.RecordsAgree, `the execution ended ${run.status} but published ${detailType}`);
  }
  const detail = event.detail as EventDetail;
  const receipt =
    project === null || detail.metadata?.deployId === undefined
      ? null
      : await target.store.receipts.getReceipt(project, detail.metadata.deployId);
  if (receipt === null) {
    violation(
      Invariant.RecordsAgree,
      `no receipt for ${detailType} ${detail.metadata?.deployId ?? '(no deployId)'}`,
    );
  } else {
    checkReceipt(run, detailType, detail, receipt, violation);
  }
  if (failed) checkFailure(detail, receipt, violation);
  return { project, outcome: event };
}

function checkReceipt(
  run: RunDeployResult,
  detailType: string,
  detail: EventDetail,
  receipt: Receipt,
  violation: (invariant: Invariant, message: string) => void,
): void {
  if (receipt.executionArn !== run.executionArn) {
    violation(Invariant.RecordsAgree, `receipt ${receipt.deployId} names execution ${receipt.executionArn}`);
  }
  if (!outcomeReceipts[detailType]?.includes(receipt.outcome)) {
    violation(
      Invariant.RecordsAgree,
      `receipt ${receipt.deployId} says ${receipt.outcome}, the event ${detailType}`,
    );
  }
  const fingerprint = detail.data?.fingerprint;
  if (
    typeof fingerprint === 'string' &&
    receipt.fingerprint !== null &&
    fingerprint !== receipt.fingerprint
  ) {
    violation(
      Invariant.RecordsAgree,
      `receipt fingerprint ${receipt.fingerprint} ≠ event fingerprint ${fingerprint}`,
    );
  }
}

function checkFailure(
  detail: EventDetail,
  receipt: Receipt | null,
  violation: (invariant: Invariant, message: string) => void,
): void {
  const code = detail.data?.errorCode;
  const state = detail.data?.failedState;
  if (typeof code !== 'string' || !stableCode.test(code) || unstableCodes.has(code)) {
    violation(
      Invariant.FailureNamed,
      `Deploy Failed names no stable code (errorCode ${JSON.stringify(code)})`,
    );
  }
  if (typeof state !== 'string' || !stateNames.has(state)) {
    violation(
      Invariant.FailureNamed,
      `Deploy Failed names no state of the machine (failedState ${JSON.stringify(state)})`,
    );
  }
  if (receipt !== null && (receipt.error?.code !== code || receipt.error?.state !== state)) {
    violation(
      Invariant.FailureNamed,
      `receipt error ${receipt.error?.code ?? 'none'} at ${receipt.error?.state ?? 'none'} ≠ event ${String(code)} at ${String(state)}`,
    );
  }
}

function projectOf(event: EventBridgeEvent | undefined): string | null {
  const detail = event?.detail as EventDetail | { project?: string } | undefined;
  if (detail === undefined) return null;
  if ('metadata' in detail && detail.metadata?.project) return detail.metadata.project;
  return 'project' in detail && typeof detail.project === 'string' ? detail.project : null;
}

function readStateNames(path: URL): Set<string> {
  const names = new Set<string>();
  const walk = (states: Record<string, { Branches?: { States: Record<string, never> }[] }>): void => {
    for (const [name, state] of Object.entries(states)) {
      names.add(name);
      for (const branch of state.Branches ?? []) walk(branch.States);
    }
  };
  walk((JSON.parse(readFileSync(path, 'utf8')) as { States: Record<string, never> }).States);
  return names;
}
