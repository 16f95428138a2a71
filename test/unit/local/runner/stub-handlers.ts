import type { ExecutionDocument, RecordOutcome } from '../../../../functions/lib/contract.js';
import { buildOutcome } from '../../../../functions/lib/outcome/index.js';
import type { DeployHandlers } from '../../../../local/runner/index.js';

/** A Plan decision as docs/state-machine.md §2.1 defines it; `overrides` replace top-level fields. */
export function makeDecision(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const deployId = '01JD0000000000000000000001';
  const trigger = {
    kind: 'upload',
    project: 'team',
    bucket: 'drops',
    key: 'drops/team.zip',
    versionId: 'v1',
    sequencer: '0055AED6DCD90281E5',
    eventId: 'evt-1',
    requester: '000000000000',
    force: false,
  };
  return {
    deployId,
    project: 'team',
    action: 'deploy',
    skipReason: null,
    mode: 'harness',
    region: 'us-west-2',
    decision: 'create',
    rev: 0,
    fingerprint: 'a'.repeat(64),
    specHash: 'b'.repeat(64),
    resource: { name: 'agentdrop_team', id: null, arn: null, version: null },
    previous: { mode: null, region: null, name: null, id: null, arn: null, version: null },
    artifact: null,
    artifacts: { planKey: `plans/team/${deployId}.json`, buildContextKey: null, codePackage: null },
    image: null,
    diagnostics: { errors: [], counts: { errors: 0, warnings: 0, infos: 0 } },
    smoke: { prompt: 'Say hello in one short sentence.', expect: null },
    trigger,
    lock: {
      now: '1760000000',
      leaseExpiresAt: '1760007200',
      expiresAt: '1760180000',
      pending: {
        key: { S: trigger.key },
        versionId: { S: trigger.versionId },
        sequencer: { S: trigger.sequencer },
        deployId: { S: deployId },
        queuedAt: { N: '1760000000' },
      },
    },
    metadata: {
      schemaVersion: '1',
      deployId,
      project: 'team',
      executionArn: 'filled by the stub',
      occurredAt: '2026-11-25T12:00:00.000Z',
      trigger: 'upload',
    },
    replans: 0,
    ...overrides,
  };
}

/** Calls each stub received, for assertions. */
export interface StubCalls {
  readonly plan: Record<string, unknown>[];
  readonly harness: Record<string, unknown>[];
  readonly runtime: Record<string, unknown>[];
  readonly invoke: Record<string, unknown>[];
}

type Stub = (event: Record<string, unknown>) => unknown;

/**
 * Plain in-process handlers honouring the Lambda contract of docs/state-machine.md: Plan answers `decision`,
 * `record` shapes outcome events like the real record step, harness/runtime walk CREATING → READY.
 */
export function makeStubHandlers(options: {
  readonly decision?: Record<string, unknown>;
  readonly harness?: Stub;
  readonly runtime?: Stub;
  readonly invoke?: Stub;
  readonly plan?: Stub;
}): { handlers: DeployHandlers; calls: StubCalls } {
  const calls: StubCalls = { plan: [], harness: [], runtime: [], invoke: [] };
  const decision = options.decision ?? makeDecision();
  const resource = {
    name: 'agentdrop_team',
    id: 'h-1',
    arn: 'arn:aws:bedrock-agentcore:us-west-2:000000000000:harness/h-1',
    version: '1',
  };
  const defaultResource: Stub = (event) => {
    if (event.action === 'promote') {
      const live = {
        endpointName: 'live',
        endpointArn: `${resource.arn}/harness-endpoint/live`,
        version: '1',
      };
      // The runtime's promote always answers versionCleanup (PromoteRuntime's ResultSelector reads it).
      return {
        resource,
        status: 'READY',
        failureReason: null,
        attempt: 0,
        delaySeconds: 5,
        live,
        versionCleanup: null,
      };
    }
    if (event.action === 'status') {
      const gone = (event.plan as { action: string }).action === 'destroy';
      return { resource, status: gone ? 'GONE' : 'READY', failureReason: null, attempt: 1, delaySeconds: 5 };
    }
    return {
      resource,
      status: event.action === 'delete' ? 'DELETING' : 'CREATING',
      failureReason: null,
      attempt: 0,
      delaySeconds: 5,
    };
  };
  const record = (event: Record<string, unknown>) => recordOutcome(event);
  const wrap =
    (name: keyof StubCalls, stub: Stub) =>
    async (event: unknown): Promise<unknown> => {
      calls[name].push(event as Record<string, unknown>);
      return stub(event as Record<string, unknown>);
    };
  return {
    calls,
    handlers: {
      plan: wrap('plan', (event) => {
        if (event.action === 'record') return record(event);
        if (options.plan) return options.plan(event);
        const metadata = { ...(decision.metadata as object), executionArn: event.executionArn };
        return { ...decision, metadata, replans: event.replans };
      }),
      // A custom resource stub answers deploy/status/delete; `promote` (moving live) always succeeds at once.
      harness: wrap('harness', promoting(options.harness ?? defaultResource, defaultResource)),
      runtime: wrap('runtime', promoting(options.runtime ?? defaultResource, defaultResource)),
      invoke: wrap(
        'invoke',
        options.invoke ??
          (() => ({
            cells: [{ cell: 'agent', state: 'EXERCISED', reason: 'The agent replied.', evidence: 'Hello!' }],
            trace: [],
            reply: 'Hello!',
            sessionId: 's'.repeat(33),
            traceId: null,
            durationMs: 5,
            emulated: true,
          })),
      ),
    },
  };
}

function promoting(stub: Stub, fallback: Stub): Stub {
  return (event) => (event.action === 'promote' ? fallback(event) : stub(event));
}

function recordOutcome(event: Record<string, unknown>): unknown {
  // The record step's pure part is shared code; the stub only skips the DynamoDB writes.
  return buildOutcome({
    outcome: event.outcome as RecordOutcome,
    document: event.document as ExecutionDocument,
    executionArn: String(event.executionArn),
    executionStartTime: String(event.executionStartTime),
    now: new Date('2026-11-25T12:00:01.000Z'),
    fallbackDeployId: '01JD0000000000000000000099',
    emulated: true,
    region: 'us-west-2',
  }).result;
}
