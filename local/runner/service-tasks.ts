import { setTimeout as sleep } from 'node:timers/promises';
import {
  BatchGetBuildsCommand,
  type CodeBuildClient,
  StartBuildCommand,
  type StartBuildCommandInput,
} from '@aws-sdk/client-codebuild';
import {
  DeleteItemCommand,
  type DeleteItemCommandInput,
  type DynamoDBClient,
  GetItemCommand,
  type GetItemCommandInput,
  PutItemCommand,
  type PutItemCommandInput,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandOutput,
} from '@aws-sdk/client-eventbridge';
import { errorMessage, errorName, taskError } from './task-error.js';
import type { PublishedEvent } from './types.js';

type Parameters = Record<string, unknown>;

/**
 * `arn:aws:states:::dynamodb:<op>`: the same API call with the SDK; errors are named as the optimized
 * integration names them (`DynamoDB.ConditionalCheckFailedException`, aws-practices §2.7).
 */
export async function callDynamoDb(
  client: DynamoDBClient,
  operation: string,
  parameters: Parameters,
): Promise<unknown> {
  try {
    switch (operation) {
      case 'getItem':
        return withoutMetadata(
          await client.send(new GetItemCommand(itemRequest<GetItemCommandInput>(parameters))),
        );
      case 'putItem':
        return withoutMetadata(
          await client.send(new PutItemCommand(itemRequest<PutItemCommandInput>(parameters))),
        );
      case 'updateItem':
        return withoutMetadata(
          await client.send(new UpdateItemCommand(itemRequest<UpdateItemCommandInput>(parameters))),
        );
      case 'deleteItem':
        return withoutMetadata(
          await client.send(new DeleteItemCommand(itemRequest<DeleteItemCommandInput>(parameters))),
        );
      default:
        throw taskError('States.Runtime', `Unsupported DynamoDB integration ${operation}.`);
    }
  } catch (error) {
    if (errorName(error) === 'States.Runtime') throw error;
    throw taskError(`DynamoDB.${errorName(error)}`, errorMessage(error));
  }
}

/**
 * `arn:aws:states:::events:putEvents`: PutEvents with object details serialised, the execution ARN appended to
 * `Resources` as Step Functions does, and `EventBridge.FailedEntry` when an entry was refused (aws-practices §2.6).
 */
export async function putEvents(
  client: EventBridgeClient,
  parameters: Parameters,
  executionArn: string,
  published: PublishedEvent[],
): Promise<unknown> {
  const entries = ((parameters.Entries ?? []) as Parameters[]).map((entry) => ({
    Source: String(entry.Source),
    DetailType: String(entry.DetailType),
    EventBusName: entry.EventBusName === undefined ? undefined : String(entry.EventBusName),
    Detail: typeof entry.Detail === 'string' ? entry.Detail : JSON.stringify(entry.Detail ?? {}),
    Resources: [...((entry.Resources as string[] | undefined) ?? []), executionArn],
  }));
  let response: PutEventsCommandOutput;
  try {
    response = await client.send(new PutEventsCommand({ Entries: entries }));
  } catch (error) {
    throw taskError(`EventBridge.${errorName(error)}`, errorMessage(error));
  }
  if ((response.FailedEntryCount ?? 0) > 0) {
    throw taskError('EventBridge.FailedEntry', JSON.stringify(withoutMetadata(response)));
  }
  for (const entry of entries) {
    published.push({
      source: entry.Source,
      detailType: entry.DetailType,
      eventBusName: String(entry.EventBusName ?? 'default'),
      detail: JSON.parse(entry.Detail),
    });
  }
  return withoutMetadata(response);
}

/**
 * `arn:aws:states:::codebuild:startBuild.sync`: StartBuild, then BatchGetBuilds until the build ends. The
 * result is `{ Build }` in the integration's PascalCase; a build that does not succeed fails the task with
 * `States.TaskFailed` and the build as the cause (aws-practices §2.5).
 */
export async function startBuildSync(
  client: CodeBuildClient,
  parameters: Parameters,
  pollMs: number,
  signal?: AbortSignal,
): Promise<unknown> {
  let buildId: string;
  try {
    const started = await client.send(
      new StartBuildCommand(camelizeKeys(parameters) as StartBuildCommandInput),
    );
    buildId = started.build?.id ?? '';
  } catch (error) {
    throw taskError(`CodeBuild.${errorName(error)}`, errorMessage(error));
  }
  for (;;) {
    const { builds } = await client.send(new BatchGetBuildsCommand({ ids: [buildId] }));
    const build = builds?.[0];
    if (build && build.buildStatus !== 'IN_PROGRESS' && build.buildComplete !== false) {
      const result = { Build: pascalizeKeys(JSON.parse(JSON.stringify(build))) };
      if (build.buildStatus !== 'SUCCEEDED') throw taskError('States.TaskFailed', JSON.stringify(result));
      return result;
    }
    await sleep(pollMs, undefined, { signal });
  }
}

/**
 * A DynamoDB task's Parameters: the API input by construction (the ASL writes them in the API's PascalCase
 * shape); a task without a table is a broken definition.
 */
function itemRequest<T extends { TableName?: string | undefined }>(parameters: Parameters): T {
  if (typeof parameters.TableName !== 'string')
    throw taskError('States.Runtime', 'A DynamoDB task needs a TableName.');
  return parameters as T;
}

function withoutMetadata(response: object): unknown {
  const { $metadata: _metadata, ...rest } = response as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest));
}

function camelizeKeys(value: unknown): unknown {
  return mapKeys(value, (key) => key.charAt(0).toLowerCase() + key.slice(1));
}

function pascalizeKeys(value: unknown): unknown {
  return mapKeys(value, (key) => key.charAt(0).toUpperCase() + key.slice(1));
}

function mapKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => mapKeys(item, rename));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [rename(key), mapKeys(item, rename)]));
}
