import { join } from 'node:path';
import { executionNameFor } from '../../functions/lib/execution-name.js';
import {
  type LocalCloud,
  type LocalCloudOptions,
  LocalCredentials,
  startLocalCloud,
} from '../cloud/index.js';
import { type LocalEndpoints, removeEndpointFile, writeEndpointFile } from '../endpoints/index.js';
import type { EventBridgeEvent } from '../eventbridge/index.js';
import type { FaultInjector } from '../faults/index.js';
import { attachTriggers, createLocalPipeline, LocalStack } from '../pipeline/index.js';
import type { RunDeployResult } from '../runner/index.js';
import {
  type ExecutionRecorder,
  type StepFunctionsEmulator,
  startStepFunctionsEmulator,
} from '../stepfunctions/index.js';

/** Options of {@link startLocalServer}. */
export interface LocalServerOptions {
  /** The local cloud's options (data directory, ports, faults). */
  readonly cloud: LocalCloudOptions;
  /** Where a detached server writes its output; recorded in the endpoint file. @default none */
  readonly logFile?: string;
  /** One line per run started and ended. @default nothing is logged */
  readonly log?: (line: string) => void;
  /** Faults and call recording of the Step Functions endpoint. @default a new injector */
  readonly stepFunctionsFaults?: FaultInjector;
  /** Starts the local cloud. @default {@link startLocalCloud} */
  readonly startCloud?: (options: LocalCloudOptions) => Promise<LocalCloud>;
}

/** A running local cloud server. */
export interface LocalServer {
  readonly cloud: LocalCloud;
  readonly stepfunctions: StepFunctionsEmulator;
  /** What the endpoint file says. */
  readonly endpoints: LocalEndpoints;
  /**
   * Stops the runs in progress and every run started after this (they end ABORTED and are finalized, as
   * StopExecution would end them); the services keep serving so clients can read how the runs ended.
   */
  abortRuns(): void;
  /** Resolves once no run is in progress (including runs that runs started). */
  idle(): Promise<void>;
  /**
   * Removes the endpoint file, stops the runs in progress (they end ABORTED and are finalized, as
   * StopExecution would end them), then stops every service and every agent process; safe to call twice.
   */
  stop(): Promise<void>;
}

/**
 * Starts the local cloud as a server every client shares (DESIGN §8): all emulators, the pipeline's rules
 * (an `Object Created`/`Object Deleted` of `drops/*.zip` or a `Redeploy Requested` from any client starts a
 * run), the runner with its finalizer, and a Step Functions endpoint from which clients start, follow and stop runs.
 * Writes `<dataDir>/endpoints.json` once it accepts work.
 * @throws LocalCloudBusy when another process holds the data directory.
 */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const cloud = await (options.startCloud ?? startLocalCloud)(options.cloud);
  const interrupt = new AbortController();
  // Per execution: StopExecution aborts one run, stopping the server aborts them all.
  const stoppers = new Map<string, AbortController>();
  const starting = new Map<EventBridgeEvent, ExecutionRecorder>();
  let stepfunctions: StepFunctionsEmulator;
  try {
    stepfunctions = await startStepFunctionsEmulator({
      region: cloud.region,
      accountId: cloud.accountId,
      ...(options.stepFunctionsFaults ? { faults: options.stepFunctionsFaults } : {}),
      ...(options.cloud.basePort !== undefined ? { port: options.cloud.basePort + 8 } : {}),
      // A run's history outlives the command that started it, as on AWS (`logs` and `receipt --html` read it).
      historyDir: join(cloud.dataDir, 'executions'),
      run: (recorder) => {
        starting.set(recorder.record.input, recorder);
        // Called only once the server serves requests, after `triggers` below exists.
        triggers.start(recorder.record.input);
      },
      stop: (record) => stoppers.get(record.executionArn)?.abort(),
    });
  } catch (error) {
    await cloud.stop();
    throw error;
  }
  const log = options.log ?? (() => undefined);
  const pipeline = createLocalPipeline(cloud);
  const triggers = attachTriggers(
    cloud,
    pipeline,
    (event) => {
      const recorder =
        starting.get(event) ?? stepfunctions.startExecution(event, executionNameFor(event, new Date()));
      starting.set(event, recorder);
      const stop = new AbortController();
      stoppers.set(recorder.record.executionArn, stop);
      return {
        executionName: recorder.record.name,
        onEvent: recorder.onEvent,
        signal: AbortSignal.any([interrupt.signal, stop.signal]),
      };
    },
    (run) => {
      const recorder = starting.get(run.event);
      starting.delete(run.event);
      if (recorder === undefined) return;
      const arn = recorder.record.executionArn;
      log(`run started executionArn=${arn} | ${describeTrigger(run.event)}`);
      run.result.then(
        (result: RunDeployResult) => {
          stoppers.delete(arn);
          recorder.finish(result);
          log(`run ended executionArn=${arn} status=${result.status} durationMs=${result.durationMs}`);
        },
        (error: unknown) => {
          stoppers.delete(arn);
          recorder.crash(error);
          log(
            `run crashed executionArn=${arn} error=${error instanceof Error ? error.message : String(error)}`,
          );
        },
      );
    },
  );
  const endpoints: LocalEndpoints = {
    pid: process.pid,
    dataDir: cloud.dataDir,
    region: cloud.region,
    accountId: cloud.accountId,
    credentials: { ...LocalCredentials },
    endpoints: { ...cloud.endpoints, stepfunctions: stepfunctions.endpoint },
    resources: {
      ...cloud.resources,
      eventBusName: LocalStack.eventBusName,
      stateMachineArn: stepfunctions.stateMachineArn,
      secretPrefix: LocalStack.secretPrefix,
    },
    ...(options.logFile !== undefined ? { logFile: options.logFile } : {}),
    startedAt: new Date().toISOString(),
  };
  const stopAll = async (): Promise<void> => {
    interrupt.abort();
    triggers.detach();
    await triggers.idle();
    // The cloud stops even when the Step Functions endpoint fails to: its agent processes must not outlive it.
    try {
      await stepfunctions.stop();
    } finally {
      await cloud.stop();
    }
  };
  try {
    writeEndpointFile(endpoints);
  } catch (error) {
    await stopAll();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    cloud,
    stepfunctions,
    endpoints,
    abortRuns: () => interrupt.abort(),
    idle: () => triggers.idle(),
    stop() {
      stopping ??= (async () => {
        removeEndpointFile(cloud.dataDir, process.pid);
        await stopAll();
      })();
      return stopping;
    },
  };
}

function describeTrigger(event: EventBridgeEvent): string {
  const detail = event.detail as { object?: { key?: string }; project?: string };
  if (event['detail-type'] === 'Redeploy Requested') return `redeploy ${detail.project ?? ''}`;
  return `${event['detail-type'] === 'Object Deleted' ? 'delete' : 'upload'} ${detail.object?.key ?? ''}`;
}
