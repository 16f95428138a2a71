import { executionNameFor } from '../../functions/lib/execution-name.js';
import { SecretChangedPattern } from '../../functions/lib/secret-changed-pattern.js';
import type { LocalCloud } from '../cloud/index.js';
import type { EventBridgeEvent } from '../eventbridge/index.js';
import type { RunDeployResult } from '../runner/index.js';
import { LocalStack } from './local-pipeline-config.js';
import type { LocalDeployOptions, LocalPipeline } from './run-local-deploy.js';

/** A run started by a rule, with the event that started it. */
export interface TriggeredRun {
  readonly event: EventBridgeEvent;
  readonly result: Promise<RunDeployResult>;
}

/** The rules of the stack on the local cloud, and the runs they started. */
export interface LocalTriggers {
  /** Every run started so far, in order. */
  runs(): readonly TriggeredRun[];
  /** Starts a run of `event` as a rule's target would (Step Functions' StartExecution). */
  start(event: EventBridgeEvent): void;
  /** Resolves once every run started so far (and the runs they start) has ended. */
  idle(): Promise<void>;
  /** Removes the rules. */
  detach(): void;
}

/**
 * Registers what the AWS stack's EventBridge rules do (DESIGN §1): `Object Created` / `Object Deleted` of
 * `drops/*.zip` on the default bus and `Redeploy Requested` on the agentdrop bus each start a run, whoever
 * put the object or the event; a secret's new current version (Secrets Manager's CloudTrail event) invokes
 * the Plan function with that event. `onRun` sees each run as it starts.
 */
export function attachTriggers(
  cloud: LocalCloud,
  pipeline: LocalPipeline,
  options: (event: EventBridgeEvent) => LocalDeployOptions = () => ({}),
  onRun: (run: TriggeredRun) => void = () => undefined,
): LocalTriggers {
  const runs: TriggeredRun[] = [];
  // Rule targets other than the state machine (the Plan function, for a secret change), until they end.
  const invocations: Promise<unknown>[] = [];
  const start = (event: EventBridgeEvent): void => {
    // As the stack's starter names them: `<project>-<deploy id>`.
    const run = {
      event,
      result: pipeline.run(event, { executionName: executionNameFor(event, new Date()), ...options(event) }),
    };
    runs.push(run);
    onRun(run);
  };
  const removers = [
    cloud.events.addRule({
      bus: 'default',
      name: 'agentdrop-drop-changed',
      description: 'An upload or delete of drops/*.zip starts a deploy or a teardown.',
      pattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created', 'Object Deleted'],
        detail: { bucket: { name: [cloud.resources.dropBucket] }, object: { key: [{ prefix: 'drops/' }] } },
      },
      target: start,
    }),
    cloud.events.addRule({
      bus: LocalStack.eventBusName,
      name: 'agentdrop-redeploy-requested',
      description: 'Redeploy Requested from any source starts a run.',
      pattern: { 'detail-type': ['Redeploy Requested'] },
      target: start,
    }),
    cloud.events.addRule({
      bus: 'default',
      name: 'agentdrop-secret-changed',
      description: 'A secret got a new current version: redeploy the projects that bind it.',
      pattern: SecretChangedPattern,
      // An asynchronous Lambda invocation, as the stack configures it: two retries, then the event is given up
      // (on AWS it lands in the trigger DLQ).
      target: (event) => {
        invocations.push(invokeAsync(() => pipeline.secretChanged(event), AsyncRetryAttempts));
      },
    }),
  ];
  return {
    runs: () => runs,
    start,
    idle: async () => {
      for (let seen = -1; seen !== runs.length + invocations.length; ) {
        seen = runs.length + invocations.length;
        await cloud.events.drain();
        await Promise.allSettled([...invocations, ...runs.map((run) => run.result)]);
        await cloud.events.drain();
      }
    },
    detach: () => {
      for (const remove of removers) remove();
    },
  };
}

/** Retries of a failed asynchronous invocation (`configureAsyncInvoke({ retryAttempts: 2 })` in infra). */
const AsyncRetryAttempts = 2;

/** Calls `invoke` once and again after each failure, at most `retries` times; the last failure is dropped. */
async function invokeAsync(invoke: () => Promise<unknown>, retries: number): Promise<void> {
  for (let attempt = 0; attempt <= retries; attempt++) {
    try {
      await invoke();
      return;
    } catch {
      // Lambda retries an asynchronous invocation that threw; nothing waits for its answer.
    }
  }
}
