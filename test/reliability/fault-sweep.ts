import type { Fault, FaultKind, RecordedServiceCall } from '../../local/faults/index.js';
import type { RunDeployResult } from '../../local/runner/index.js';
import type { LocalStack } from '../support/local-stack.js';
import { checkRunInvariants, formatViolations, type InvariantViolation } from '../support/run-invariants.js';

/**
 * One scenario of the fault sweep: a trigger that is recorded once without faults, then replayed once per
 * (call site × fault). `prepare` gives the project each run uses; `recover` is the next good drop, which the
 * invariants require to succeed (and which leaves the project ready for the next run of a chain).
 */
export interface SweepScenario {
  readonly name: string;
  /**
   * Makes a project ready for a run and returns its name. `fresh` is true for the recording, the first run
   * and after a run that broke an invariant (so one defect does not cascade through a chain).
   */
  prepare(stack: LocalStack, run: number, fresh: boolean): Promise<string>;
  /** The trigger under test: an upload, an unchanged push, a delete. */
  act(stack: LocalStack, project: string): Promise<RunDeployResult[]>;
  /** The next good drop of the project after a run. */
  recover(stack: LocalStack, project: string): Promise<RunDeployResult[]>;
  /** Frees what a run left running once it is checked (e.g. tears a runtime down). @default nothing */
  cleanup?(stack: LocalStack, project: string): Promise<void>;
}

/** A call the pipeline made during the recorded trigger: where a fault is injected. */
export interface CallSite {
  /** The Task state running when the call was made. */
  readonly state: string;
  /** The local service, or `lambda` for the Lambda invoke of a Task. */
  readonly service: string;
  /** The API operation, or the state name for `lambda`. */
  readonly operation: string;
  /** Calls of the same service and operation during the trigger before this one (the fault's `after`). */
  readonly after: number;
}

/** A fault of the sweep: what the injector is given at a call site. */
export type SweepFault = Pick<Fault, 'kind' | 'count' | 'delayMs'> & { readonly kind: FaultKind };

/** The SDK's standard mode makes 3 attempts: these faults outlast them. */
const sdkAttempts = 3;

/** Faults at an emulator call site: throttling and 500 past the SDK's retries, AccessDenied, a dropped connection. */
export const serviceFaults: readonly SweepFault[] = [
  { kind: 'throttle', count: sdkAttempts },
  { kind: 'server_error', count: sdkAttempts },
  { kind: 'access_denied', count: 1 },
  // Dropped after 5 ms of silence, every attempt: what a request timeout looks like to the SDK, without the wait.
  { kind: 'network_timeout', count: sdkAttempts, delayMs: 5 },
];

/** Faults at a Lambda Task: the Lambda service refuses the invoke, or the function crashes after its work. */
export const lambdaFaults: readonly SweepFault[] = [
  { kind: 'lambda_service_exception', count: 1 },
  { kind: 'lambda_crash', count: 1 },
];

/** One run of the sweep and what it showed. */
export interface SweepRun {
  readonly scenario: string;
  readonly site: CallSite;
  readonly fault: SweepFault;
  readonly project: string;
  /** Where the fault fired (state/service:operation), or null when it never fired. */
  readonly firedAt: string | null;
  /** Set when the fault did not fire at its call site (the recorded call sequence changed): a harness problem. */
  readonly misfire: string | null;
  readonly violations: readonly InvariantViolation[];
  /** Each run of the trigger: status, error and outcome events. */
  readonly summary: string;
}

/** The key of a run in reports and in lists of known defects. */
export function runKey(site: CallSite, fault: SweepFault): string {
  return `${site.state} ${site.service}:${site.operation}#${site.after} ${fault.kind}`;
}

/**
 * Records the calls of the scenario's trigger once, without faults, and returns its call sites: calls the
 * pipeline made (not the test's own upload, not an emulator's internal calls) inside a Task, with each
 * (state, service, operation) repeated many times collapsed to its first and last call. Step Functions' own
 * polling of a `.sync` build (BatchGetBuilds) is not a call of the pipeline and is left out.
 */
export async function recordCallSites(stack: LocalStack, scenario: SweepScenario): Promise<CallSite[]> {
  const project = await scenario.prepare(stack, 0, true);
  const mark = stack.cloud.calls.mark();
  const runs = await scenario.act(stack, project);
  const calls = stack.cloud.calls.calls(mark);
  const violations = await checkRunInvariants(stack, { runs, projects: [project] });
  if (violations.length > 0) {
    throw new Error(
      `the fault-free ${scenario.name} breaks the invariants:\n${formatViolations(violations)}`,
    );
  }
  await scenario.cleanup?.(stack, project);
  return callSitesOf(calls);
}

/** The call sites of a recorded window of calls (see {@link recordCallSites}). */
export function callSitesOf(calls: readonly RecordedServiceCall[]): CallSite[] {
  const seen = new Map<string, number>();
  const sites: CallSite[] = [];
  for (const call of calls) {
    const counter = `${call.service}:${call.operation}`;
    const after = seen.get(counter) ?? 0;
    seen.set(counter, after + 1);
    if (call.caller !== null || call.state === null) continue;
    if (call.service === 'codebuild' && call.operation === 'BatchGetBuilds') continue;
    sites.push({ state: call.state, service: call.service, operation: call.operation, after });
  }
  const groups = new Map<string, CallSite[]>();
  for (const site of sites) {
    const key = `${site.state} ${site.service}:${site.operation}`;
    groups.set(key, [...(groups.get(key) ?? []), site]);
  }
  return sites.filter((site) => {
    const group = groups.get(`${site.state} ${site.service}:${site.operation}`)!;
    return site === group[0] || site === group.at(-1);
  });
}

/** The faults swept at a call site. */
export function faultsFor(site: CallSite): readonly SweepFault[] {
  return site.service === 'lambda' ? lambdaFaults : serviceFaults;
}

/**
 * Replays the scenario's trigger with one fault at one call site, then checks the run invariants, the next
 * good drop included. `fresh` asks `prepare` for a clean project.
 */
export async function sweepRun(
  stack: LocalStack,
  scenario: SweepScenario,
  run: number,
  site: CallSite,
  fault: SweepFault,
  fresh: boolean,
): Promise<SweepRun> {
  const project = await scenario.prepare(stack, run, fresh);
  clearFaults(stack);
  const injected: Fault = { ...fault, after: site.after };
  if (site.service === 'lambda') stack.pipeline.taskFaults.set(site.operation, injected);
  else stack.cloud.faults(site.service).set(site.operation, injected);
  const mark = stack.cloud.calls.mark();
  let runs: RunDeployResult[];
  try {
    runs = await scenario.act(stack, project);
  } finally {
    clearFaults(stack);
  }
  const fired = stack.cloud.calls.calls(mark).find((call) => call.fault !== null);
  const firedAt = fired === undefined ? null : `${fired.state} ${fired.service}:${fired.operation}`;
  const violations = await checkRunInvariants(stack, {
    runs,
    projects: [project],
    nextDrop: (name) => scenario.recover(stack, name),
  });
  const expected = `${site.state} ${site.service}:${site.operation}`;
  const misfire =
    firedAt === expected
      ? null
      : `the fault meant for ${expected} ${firedAt === null ? 'never fired' : `fired at ${firedAt}`}`;
  await scenario.cleanup?.(stack, project);
  return {
    scenario: scenario.name,
    site,
    fault,
    project,
    firedAt,
    misfire,
    violations,
    summary: runs.map(summarise).join(' → '),
  };
}

/** What went wrong in a run (empty when it held the invariants and its fault fired where it was meant to). */
export function formatFailure(run: SweepRun): string {
  if (run.violations.length === 0 && run.misfire === null) return '';
  const lines = [
    ...(run.misfire === null ? [] : [`harness: ${run.misfire}`]),
    ...formatViolations(run.violations).split('\n').filter(Boolean),
  ];
  return `✗ ${run.scenario}: ${runKey(run.site, run.fault)} (project ${run.project}; ${run.summary})\n${lines
    .map((line) => `    ${line}`)
    .join('\n')}`;
}

/** The line the sweep prints per scenario file. */
export function sweepSummary(runs: readonly SweepRun[]): string {
  const held = runs.filter((run) => run.violations.length === 0).length;
  return `fault sweep: ${runs.length} runs, ${held} hold the invariants`;
}

/** The API call (service and operation) of a call site, whichever state makes it. */
export function callOf(site: CallSite): string {
  return `${site.service}:${site.operation}`;
}

function clearFaults(stack: LocalStack): void {
  stack.pipeline.taskFaults.clear();
  for (const service of [
    's3',
    'dynamodb',
    'eventbridge',
    'codebuild',
    'ecr',
    'secretsmanager',
    'agentcore',
  ]) {
    stack.cloud.faults(service).clear();
  }
}

function summarise(run: RunDeployResult): string {
  const outcomes = run.events.map((event) => event.detailType).join('/');
  return `${run.status}${run.error ? ` ${run.error.error}` : ''} [${outcomes}]`;
}
