import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { expect } from 'vitest';
import { validateEventDetail } from '../../../../functions/lib/event-schemas.js';
import { type EventBridgeEmulator, startEventBridgeEmulator } from '../../../../local/eventbridge/index.js';
import type { RunDeployOptions } from '../../../../local/runner/index.js';
import { createAgentdropTable } from '../../../support/create-table.js';

export const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
export const region = 'us-west-2';

/** dynalite + the EventBridge emulator for runner tests, with a fresh table per test. */
export interface RunnerFixture {
  readonly dataDir: string;
  readonly dynamoEndpoint: string;
  readonly bus: EventBridgeEmulator;
  readonly documents: DynamoDBDocumentClient;
  /** Creates a new table and returns its name. */
  newTable(): Promise<string>;
  stop(): Promise<void>;
}

/** Starts the emulators a runner test needs. */
export async function startRunnerFixture(): Promise<RunnerFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'agentdrop-runner-'));
  const server: Server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dynamoEndpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const bus = await startEventBridgeEmulator({ dataDir });
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: dynamoEndpoint, region, credentials }),
    {
      marshallOptions: { removeUndefinedValues: true },
    },
  );
  let tables = 0;
  return {
    dataDir,
    dynamoEndpoint,
    bus,
    documents,
    async newTable() {
      // A table per test keeps runs independent without restarting dynalite.
      const tableName = `agentdrop-${++tables}`;
      await createAgentdropTable(documents, tableName);
      return tableName;
    },
    async stop() {
      documents.destroy();
      await bus.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Run options against the fixture; `overrides` replace top-level fields. */
export function makeRunOptions(
  fixture: RunnerFixture,
  tableName: string,
  handlers: RunDeployOptions['handlers'],
  overrides: Partial<RunDeployOptions> = {},
): RunDeployOptions {
  return {
    input: { 'detail-type': 'Object Created', source: 'aws.s3', detail: {} },
    executionName: `run-${tableName}`,
    handlers,
    clientConfigs: {
      dynamodb: { endpoint: fixture.dynamoEndpoint, region, credentials },
      events: { endpoint: fixture.bus.endpoint, region, credentials },
    },
    substitutions: {
      PlanFunctionArn: 'arn:aws:lambda:us-west-2:000000000000:function:agentdrop-plan',
      HarnessFunctionArn: 'arn:aws:lambda:us-west-2:000000000000:function:agentdrop-harness',
      RuntimeFunctionArn: 'arn:aws:lambda:us-west-2:000000000000:function:agentdrop-runtime',
      InvokeFunctionArn: 'arn:aws:lambda:us-west-2:000000000000:function:agentdrop-invoke',
      TableName: tableName,
      EventBusName: 'agentdrop',
      BuildProjectName: 'agentdrop-runtime-image',
      ArtifactsBucket: 'agentdrop-artifacts',
    },
    ...overrides,
  };
}

/** Asserts that every published event matches the schema of its detail type. */
export function expectValidEvents(events: readonly { detailType: string; detail: unknown }[]): void {
  for (const event of events) {
    expect({ type: event.detailType, ...validateEventDetail(event.detailType, event.detail) }).toEqual({
      type: event.detailType,
      ok: true,
      errors: [],
    });
  }
}

/** The `data` of an event's envelope. */
export function dataOf(event: { detail: unknown } | undefined): Record<string, unknown> {
  return (event?.detail as { data?: Record<string, unknown> } | undefined)?.data ?? {};
}
