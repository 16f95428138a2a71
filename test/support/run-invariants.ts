import { readFileSync } from 'node:fs';
import {
  BedrockAgentCoreControlClient,
  ListAgentRuntimesCommand,
  ListHarnessesCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { NameLimits, resourceName } from '../../core/plan/index.js';
import { DetailType } from '../../functions/lib/detail-types.js';
import { validateEventDetail } from '../../functions/lib/event-schemas.js';
import type { DeployStore, ProjectState, Receipt } from '../../functions/lib/store/index.js';
import type { LocalCloud } from '../../local/cloud/index.js';
import type { EventBridgeEvent } from '../../local/eventbridge/index.js';
import { LocalStack as LocalStackNames } from '../../local/pipeline/index.js';
import type { RunDeployResult } from '../../local/runner/index.js';

/** The run invariants of DESIGN §8 (docs/state-machine.md), one name per check. */
export const Invariant = {
  /** Exactly one outcome event per run (Succeeded, Failed, Skipped, Queued or Agent Destroyed), valid per its schema. */
  OneOutcome: 'one-outcome',
  /** No run dies of an unhandled path error (`States.Runtime`, `States.DataLimitExceeded`): paths read only guaranteed values. */
  NoPathError: 'no-path-error',
  /** A failure names a stable code and the failing state, the same in the event and the receipt. */
  FailureNamed: 'failure-named',
  /** The project's lock is free once the runs have ended. */
  LockFree: 'lock-free',
  /** A queued drop is picked up: the project's last run did not end queued. */
  QueuedPickedUp: 'queued-picked-up',
  /** STATE, receipts and events agree (deployId, outcome, fingerprint, resource and version). */
  RecordsAgree: 'records-agree',
  /** Every AgentCore resource of the project is the one STATE records. */
  NoOrphan: 'no-orphan',
  /** The next good drop of the project succeeds (and its runs hold these invariants too). */
  NextDropSucceeds: 'next-drop-succeeds',
} as const;
export type Invariant = (typeof Invariant)[keyof typeof Invariant];

/** One broken invariant, with the run or project it concerns. */
export interface InvariantViolation {
  readonly invariant: Invariant;
  readonly project: string | null;
  readonly executionArn: string | null;
  readonly message: string;
}

/** What the checker reads: the local cloud (bus, AgentCore) and the pipeline's store. */
export interface InvariantTarget {
  readonly cloud: LocalCloud;
  readonly store: DeployStore;
}

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
    const resources = await listResources(control);
    for (const project of options.projects) {
      const runs = options.runs.filter((run) => projects.get(run.executionArn) === project);
      await checkProject(target, control, resources, project, runs, outcomes, busEvents, violations);
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

async function checkProject(
  target: InvariantTarget,
  control: BedrockAgentCoreControlClient,
  resources: readonly AgentCoreResource[],
  project: string,
  runs: readonly RunDeployResult[],
  outcomes: ReadonlyMap<string, EventBridgeEvent>,
  busEvents: readonly EventBridgeEvent[],
  violations: InvariantViolation[],
): Promise<void> {
  const violation = (invariant: Invariant, message: string): void => {
    violations.push({ invariant, project, executionArn: null, message });
  };
  const lock = await target.store.locks.getLock(project);
  if (lock !== null) {
    violation(
      Invariant.LockFree,
      `the lock is held by ${lock.owner.split(':').at(-1)} (deploy ${lock.deployId})${lock.pending ? ` with a pending drop ${lock.pending.key}` : ''}`,
    );
  }
  const lastType = outcomes.get(runs.at(-1)?.executionArn ?? '')?.['detail-type'];
  if (lastType === DetailType.DeployQueued) {
    violation(
      Invariant.QueuedPickedUp,
      'the last run of the project ended Deploy Queued: no run picked the drop up',
    );
  }

  const state = await target.store.state.getState(project);
  await checkStateRecords(target, project, state, runs, outcomes, busEvents, violation);

  const owned = await ownedResources(control, resources, project);
  for (const resource of owned) {
    if (state === null || (resource.id !== state.resource.id && resource.arn !== state.resource.arn)) {
      violation(
        Invariant.NoOrphan,
        `${resource.kind} ${resource.name} (${resource.id}, ${resource.status}) exists but STATE ${state === null ? 'records nothing' : `records ${state.resource.id}`}`,
      );
    }
  }
  if (state !== null && !owned.some((r) => r.id === state.resource.id || r.arn === state.resource.arn)) {
    violation(
      Invariant.RecordsAgree,
      `STATE records ${state.mode} ${state.resource.id}, which does not exist`,
    );
  }
}

async function checkStateRecords(
  target: InvariantTarget,
  project: string,
  state: ProjectState | null,
  runs: readonly RunDeployResult[],
  outcomes: ReadonlyMap<string, EventBridgeEvent>,
  busEvents: readonly EventBridgeEvent[],
  violation: (invariant: Invariant, message: string) => void,
): Promise<void> {
  const changing = runs
    .map((run) => outcomes.get(run.executionArn))
    .filter(
      (event): event is EventBridgeEvent =>
        event?.['detail-type'] === DetailType.DeploySucceeded ||
        event?.['detail-type'] === DetailType.AgentDestroyed,
    )
    .at(-1);
  if (changing?.['detail-type'] === DetailType.AgentDestroyed && state !== null) {
    violation(
      Invariant.RecordsAgree,
      `the agent was destroyed but STATE still records deploy ${state.lastDeployId}`,
    );
  }
  if (changing?.['detail-type'] === DetailType.DeploySucceeded) {
    const deployId = (changing.detail as EventDetail).metadata?.deployId;
    if (state?.lastDeployId !== deployId) {
      violation(
        Invariant.RecordsAgree,
        `the last Deploy Succeeded is ${deployId} but STATE records ${state === null ? 'nothing' : `deploy ${state.lastDeployId}`}`,
      );
    }
  }
  if (state === null) return;
  const receipt = await target.store.receipts.getReceipt(project, state.lastDeployId);
  if (receipt?.outcome !== 'succeeded' || receipt.fingerprint !== state.fingerprint) {
    violation(
      Invariant.RecordsAgree,
      `STATE records deploy ${state.lastDeployId} (fingerprint ${state.fingerprint.slice(0, 12)}) but its receipt says ${receipt === null ? 'nothing' : `${receipt.outcome} (fingerprint ${receipt.fingerprint?.slice(0, 12) ?? 'null'})`}`,
    );
  }
  const succeeded = busEvents.filter(
    (event) =>
      event['detail-type'] === DetailType.DeploySucceeded &&
      (event.detail as EventDetail).metadata?.deployId === state.lastDeployId,
  );
  const data = (succeeded.at(-1)?.detail as EventDetail | undefined)?.data;
  if (
    data === undefined ||
    data.fingerprint !== state.fingerprint ||
    data.resourceArn !== state.resource.arn ||
    data.resourceVersion !== state.resource.version
  ) {
    violation(
      Invariant.RecordsAgree,
      `STATE (deploy ${state.lastDeployId}, ${state.resource.arn} v${state.resource.version}) has ${data === undefined ? 'no Deploy Succeeded event' : `a Deploy Succeeded event saying ${String(data.resourceArn)} v${String(data.resourceVersion)}, fingerprint ${String(data.fingerprint).slice(0, 12)}`}`,
    );
  }
}

interface EventDetail {
  readonly metadata?: {
    readonly deployId?: string;
    readonly project?: string;
    readonly executionArn?: string;
  };
  readonly data?: Readonly<Record<string, unknown>>;
}

interface AgentCoreResource {
  readonly kind: 'harness' | 'runtime';
  readonly name: string;
  readonly id: string;
  readonly arn: string;
  readonly status: string;
}

const tagCache = new Map<string, Readonly<Record<string, string>>>();

async function listResources(control: BedrockAgentCoreControlClient): Promise<AgentCoreResource[]> {
  const resources: AgentCoreResource[] = [];
  let nextToken: string | undefined;
  do {
    const page = await control.send(new ListHarnessesCommand({ maxResults: 100, nextToken }));
    for (const harness of page.harnesses ?? []) {
      resources.push({
        kind: 'harness',
        name: harness.harnessName ?? '',
        id: harness.harnessId ?? '',
        arn: harness.arn ?? '',
        status: String(harness.status),
      });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  do {
    const page = await control.send(new ListAgentRuntimesCommand({ maxResults: 100, nextToken }));
    for (const runtime of page.agentRuntimes ?? []) {
      resources.push({
        kind: 'runtime',
        name: runtime.agentRuntimeName ?? '',
        id: runtime.agentRuntimeId ?? '',
        arn: runtime.agentRuntimeArn ?? '',
        status: String(runtime.status),
      });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return resources.filter((resource) => resource.status !== 'DELETING');
}

/** The resources tagged for the project by this stack; names narrow the tag lookups (spec §6 naming). */
async function ownedResources(
  control: BedrockAgentCoreControlClient,
  resources: readonly AgentCoreResource[],
  project: string,
): Promise<AgentCoreResource[]> {
  const prefix = resourceName(project, '', 'harness').full;
  const owned: AgentCoreResource[] = [];
  for (const resource of resources) {
    const truncated = resource.name.length === NameLimits[resource.kind];
    if (!resource.name.startsWith(prefix) && !truncated) continue;
    let tags = tagCache.get(resource.arn);
    if (tags === undefined) {
      tags = (await control.send(new ListTagsForResourceCommand({ resourceArn: resource.arn }))).tags ?? {};
      tagCache.set(resource.arn, tags);
    }
    if (tags['agentdrop:project'] === project && tags['agentdrop:stack'] === LocalStackNames.stackName) {
      owned.push(resource);
    }
  }
  return owned;
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
