import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CodeBuildClient } from '@aws-sdk/client-codebuild';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, type PutEventsCommandInput } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  ExecutionAbortedError,
  ExecutionTimeoutError,
  StateMachine,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
import { createFinalizeFunction } from '../../functions/finalize/finalize-run.js';
import { OutcomePublishStates, type RunHistory } from '../../functions/finalize/run-history.js';
import { createDeployStore } from '../../functions/lib/store/index.js';
import { bindTaskHandlers } from './bind-task-handlers.js';
import { substituteDefinition } from './substitute-definition.js';
import {
  ExecutionStatus,
  type PublishedEvent,
  type RunDeployOptions,
  type RunDeployResult,
  type RunnerEvent,
} from './types.js';

const defaultDefinitionPath = new URL('../../statemachine/deploy.asl.json', import.meta.url);
/** Substituted definitions that passed validation in this process. */
const validated = new Set<string>();

/**
 * Runs `statemachine/deploy.asl.json` locally with aws-local-stepfunctions (DESIGN §5): Lambda Tasks call the
 * in-process handlers, DynamoDB/EventBridge/CodeBuild Tasks make the same API calls against the configured
 * endpoints, waits and retry intervals are shortened, progress is streamed to `onEvent`, and a run that ends
 * without its own failure path has its lock released by the finaliser (DESIGN §7).
 * @throws SubstitutionMissing or UnsupportedResource before the run starts.
 */
export async function runDeployStateMachine(options: RunDeployOptions): Promise<RunDeployResult> {
  const region = options.region ?? 'us-west-2';
  const accountId = options.accountId ?? '000000000000';
  const executionName = options.executionName ?? randomUUID();
  const stateMachineArn = `arn:aws:states:${region}:${accountId}:stateMachine:agentdrop-deploy`;
  const executionArn = `arn:aws:states:${region}:${accountId}:execution:agentdrop-deploy:${executionName}`;
  const rawText = readFileSync(options.definitionPath ?? defaultDefinitionPath, 'utf8');
  const rawDefinition = JSON.parse(rawText) as StateMachineDefinition;
  const definition = JSON.parse(
    substituteDefinition(rawText, options.substitutions),
  ) as StateMachineDefinition;

  const dynamodb = new DynamoDBClient(options.clientConfigs.dynamodb);
  const events = new EventBridgeClient(options.clientConfigs.events);
  const codebuild = options.clientConfigs.codebuild
    ? new CodeBuildClient(options.clientConfigs.codebuild)
    : null;
  const published: PublishedEvent[] = [];
  const handlers = bindTaskHandlers(rawDefinition.States as never, {
    handlers: options.handlers,
    substitutions: options.substitutions,
    dynamodb,
    events,
    codebuild,
    executionArn,
    buildPollMs: options.buildPollMs ?? 200,
    published,
    signal: options.signal,
    tasks: options.tasks,
  });
  const overrides = shortenedDelays(rawDefinition, options.waitMs ?? 0, options.retryMs ?? 0);

  const startedAt = new Date();
  // Validation (asl-validator) costs 100–300 ms: once per distinct definition is enough.
  const validationKey = JSON.stringify(definition);
  const machine = new StateMachine(definition, {
    validationOptions: validated.has(validationKey)
      ? { noValidate: true }
      : { checkArn: true, checkPaths: true },
  });
  validated.add(validationKey);
  const execution = machine.run(options.input as never, {
    overrides: { taskResourceLocalHandlers: handlers as never, ...overrides },
    context: {
      Execution: {
        Id: executionArn,
        Name: executionName,
        RoleArn: `arn:aws:iam::${accountId}:role/agentdrop-deploy`,
      },
      StateMachine: { Id: stateMachineArn, Name: 'agentdrop-deploy' },
    },
  });
  const onAbort = (): void => execution.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const progress = {
    transitions: 0,
    lastState: null as string | null,
    lastDocument: null as unknown,
    outcomePublished: false,
    // `$$.Execution.StartTime` is stamped in the same tick as ExecutionStarted (the status change's startDate).
    startDate: startedAt.getTime(),
  };
  let failure: { error: string; cause: string } | undefined;
  const emit = (event: RunnerEvent): void => options.onEvent?.(event);
  const entered = new Map<string, number>();
  const logs = (async () => {
    for await (const log of execution.eventLogs) {
      if (log.type === 'ExecutionStarted') {
        progress.startDate = log.timestamp;
      } else if (log.type === 'StateEntered') {
        progress.transitions += 1;
        progress.lastState = log.state.name;
        progress.lastDocument = log.state.input;
        entered.set(log.state.name, log.timestamp);
        emit({
          kind: 'state-entered',
          state: log.state.name,
          stateType: log.state.type,
          at: log.timestamp,
          input: log.state.input,
        });
      } else if (log.type === 'StateExited') {
        if (OutcomePublishStates.includes(log.state.name)) progress.outcomePublished = true;
        const since = entered.get(log.state.name) ?? log.timestamp;
        emit({
          kind: 'state-exited',
          state: log.state.name,
          stateType: log.state.type,
          at: log.timestamp,
          durationMs: log.timestamp - since,
        });
      } else if (log.type === 'StateFailed') {
        emit({ kind: 'state-failed', state: log.state.name, error: log.Error, at: log.timestamp });
      } else if (log.type === 'StateRetried') {
        emit({ kind: 'state-retried', state: log.state.name, attempt: log.retry.attempt, at: log.timestamp });
      } else if (log.type === 'StateCaught') {
        emit({ kind: 'state-caught', state: log.state.name, at: log.timestamp });
      } else if (log.type === 'ExecutionFailed') {
        failure = {
          error: log.Error,
          cause: typeof log.Cause === 'string' ? log.Cause : JSON.stringify(log.Cause),
        };
      }
    }
  })();

  let status: ExecutionStatus = ExecutionStatus.Succeeded;
  let output: unknown = null;
  try {
    output = await execution.result;
  } catch (error) {
    status =
      error instanceof ExecutionAbortedError
        ? ExecutionStatus.Aborted
        : error instanceof ExecutionTimeoutError
          ? ExecutionStatus.TimedOut
          : ExecutionStatus.Failed;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  await logs;

  let finalised = false;
  let finalizerEvents: EventBridgeClient | undefined;
  const finalizerConfigs = options.clientConfigs.finalizer ?? options.clientConfigs;
  const finalizerTable = new DynamoDBClient(finalizerConfigs.dynamodb);
  try {
    if (status !== ExecutionStatus.Succeeded) {
      // The same finalize code the execution-status-change rule runs on AWS, fed this run's own history.
      finalizerEvents = recordingPublishes(new EventBridgeClient(finalizerConfigs.events), published);
      const history: RunHistory = {
        outcomePublished: progress.outcomePublished,
        lastDocument: progress.lastDocument,
        lastState: progress.lastState,
      };
      const finalize = createFinalizeFunction({
        store: createDeployStore({
          documents: DynamoDBDocumentClient.from(finalizerTable, {
            marshallOptions: { removeUndefinedValues: true },
          }),
          tableName: options.substitutions.TableName ?? '',
        }),
        events: finalizerEvents,
        eventBusName: options.substitutions.EventBusName ?? 'default',
        region,
        emulated: true,
        now: () => new Date(),
        readHistory: async () => history,
      });
      const outcome = await finalize({
        detail: {
          executionArn,
          status,
          startDate: progress.startDate,
          input: JSON.stringify(options.input ?? null),
          ...(failure ? { error: failure.error, cause: failure.cause } : {}),
        },
      });
      finalised = outcome.action === 'finalized';
    }
  } finally {
    dynamodb.destroy();
    events.destroy();
    finalizerEvents?.destroy();
    finalizerTable.destroy();
    codebuild?.destroy();
  }
  emit({ kind: 'execution-finished', status, at: Date.now() });
  return {
    status,
    output,
    ...(status === ExecutionStatus.Failed && failure ? { error: failure } : {}),
    executionArn,
    transitions: progress.transitions,
    durationMs: Date.now() - startedAt.getTime(),
    events: published,
    finalised,
  };
}

function shortenedDelays(
  definition: StateMachineDefinition,
  waitMs: number,
  retryMs: number,
): { waitTimeOverrides: Record<string, number>; retryIntervalOverrides: Record<string, number> } {
  const waitTimeOverrides: Record<string, number> = {};
  const retryIntervalOverrides: Record<string, number> = {};
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Wait') waitTimeOverrides[name] = waitMs;
    if ('Retry' in state && state.Retry) retryIntervalOverrides[name] = retryMs;
  }
  return { waitTimeOverrides, retryIntervalOverrides };
}

/** The client, with every entry it puts also appended to `published` (the run's record of its events). */
function recordingPublishes(client: EventBridgeClient, published: PublishedEvent[]): EventBridgeClient {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'PutEventsCommand') {
        for (const entry of (args.input as PutEventsCommandInput).Entries ?? []) {
          published.push({
            source: String(entry.Source),
            detailType: String(entry.DetailType),
            eventBusName: String(entry.EventBusName ?? 'default'),
            detail: JSON.parse(entry.Detail ?? '{}'),
          });
        }
      }
      return result;
    },
    { step: 'initialize', name: 'agentdropRecordPublishes' },
  );
  return client;
}
