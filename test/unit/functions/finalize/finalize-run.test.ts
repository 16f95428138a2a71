import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, type CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFinalizeFunction } from '../../../../functions/finalize/finalize-run.js';
import { validateEventDetail } from '../../../../functions/lib/event-schemas.js';
import { createDeployStore, type DeployStore } from '../../../../functions/lib/store/index.js';
import { agentdropTable } from '../../../../local/dynamodb/agentdrop-table.js';
import { type EventBridgeEmulator, startEventBridgeEmulator } from '../../../../local/eventbridge/index.js';

const stateMachine = 'arn:aws:states:us-west-2:123456789012:stateMachine:agentdrop-deploy';
const executionArn = 'arn:aws:states:us-west-2:123456789012:execution:agentdrop-deploy:run-1';
const otherExecution = 'arn:aws:states:us-west-2:123456789012:execution:agentdrop-deploy:run-2';
const now = new Date('2026-11-25T12:00:00.000Z');
const nowSeconds = now.getTime() / 1000;

let server: Server;
let documents: DynamoDBDocumentClient;
let bus: EventBridgeEmulator;
let events: EventBridgeClient;
let dataDir: string;
let store: DeployStore;
let tables = 0;

beforeAll(async () => {
  server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-west-2',
    credentials,
  });
  documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  dataDir = mkdtempSync(join(tmpdir(), 'agentdrop-finalize-'));
  bus = await startEventBridgeEmulator({ dataDir });
  events = new EventBridgeClient({ endpoint: bus.endpoint, region: 'us-west-2', credentials });
});

afterAll(async () => {
  documents.destroy();
  events.destroy();
  await bus.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  const tableName = `finalize-${++tables}`;
  await documents.send(new CreateTableCommand(agentdropTable(tableName) as CreateTableCommandInput));
  store = createDeployStore({ documents, tableName });
});

function finalize() {
  return createFinalizeFunction({
    store,
    events,
    eventBusName: 'agentdrop',
    region: 'us-west-2',
    emulated: false,
    now: () => now,
  });
}

function uploadEvent(project = 'team') {
  return {
    version: '0',
    id: 'evt-1',
    'detail-type': 'Object Created',
    source: 'aws.s3',
    detail: {
      bucket: { name: 'drop-bucket' },
      object: { key: `drops/${project}.zip`, 'version-id': 'v1', sequencer: '0A1' },
      reason: 'PutObject',
    },
  };
}

function statusChange(status: string, overrides: Record<string, unknown> = {}) {
  return {
    'detail-type': 'Step Functions Execution Status Change',
    source: 'aws.states',
    detail: {
      executionArn,
      stateMachineArn: stateMachine,
      status,
      startDate: now.getTime() - 60_000,
      stopDate: now.getTime(),
      input: JSON.stringify(uploadEvent()),
      error: null,
      cause: null,
      ...overrides,
    },
  };
}

async function lockFor(owner: string) {
  await store.locks.acquireLock({
    project: 'team',
    owner,
    deployId: 'deploy-1',
    nowSeconds,
    leaseSeconds: 7200,
  });
}

function published(since: number) {
  return bus.events('agentdrop').slice(since);
}

describe('createFinalizeFunction', () => {
  describe('when an aborted run still holds its lock', () => {
    it('writes the failure receipt, publishes Deploy Failed and releases the lock', async () => {
      await lockFor(executionArn);
      const before = bus.events('agentdrop').length;

      const result = await finalize()(statusChange('ABORTED'));

      expect(result).toEqual({ action: 'finalized', project: 'team', deployId: 'deploy-1', redeploy: false });
      expect(await store.locks.getLock('team')).toBeNull();
      const receipt = await store.receipts.getReceipt('team', 'deploy-1');
      expect(receipt).toMatchObject({
        outcome: 'failed',
        executionArn,
        trigger: { kind: 'upload', key: 'drops/team.zip', versionId: 'v1' },
        error: {
          code: 'ExecutionAborted',
          name: 'ExecutionAborted',
          message: 'The run ended ABORTED before it could record its outcome.',
          state: null,
        },
        startedAt: '2026-11-25T11:59:00.000Z',
        finishedAt: '2026-11-25T12:00:00.000Z',
      });
      const sent = published(before);
      expect(sent.map((event) => event['detail-type'])).toEqual(['Deploy Failed']);
      const detail = sent[0]?.detail as { data: Record<string, unknown>; metadata: Record<string, unknown> };
      expect(validateEventDetail('Deploy Failed', detail)).toEqual({ ok: true, errors: [] });
      expect(detail.metadata).toEqual({
        schemaVersion: '1',
        deployId: 'deploy-1',
        project: 'team',
        executionArn,
        occurredAt: '2026-11-25T12:00:00.000Z',
        trigger: 'upload',
      });
      expect(detail.data).toMatchObject({ errorCode: 'ExecutionAborted', failedState: null });
    });
  });

  describe('when a failed run carried an error and a pending drop', () => {
    it('reports the error and asks for a redeploy of the pending drop', async () => {
      await lockFor(executionArn);
      await store.locks.queueDrop({
        project: 'team',
        requester: otherExecution,
        nowSeconds,
        pending: {
          key: 'drops/team.zip',
          versionId: 'v2',
          sequencer: '0A2',
          deployId: 'deploy-2',
          queuedAt: nowSeconds,
        },
      });
      const before = bus.events('agentdrop').length;

      const result = await finalize()(
        statusChange('FAILED', {
          error: 'States.Runtime',
          cause: 'An error occurred while executing RecordFailure.',
        }),
      );

      expect(result).toEqual({ action: 'finalized', project: 'team', deployId: 'deploy-1', redeploy: true });
      const receipt = await store.receipts.getReceipt('team', 'deploy-1');
      expect(receipt?.error).toEqual({
        code: 'States.Runtime',
        name: 'States.Runtime',
        message: 'The run failed outside its failure path: An error occurred while executing RecordFailure.',
        state: null,
      });
      const sent = published(before);
      expect(sent.map((event) => [event['detail-type'], event.source])).toEqual([
        ['Deploy Failed', 'agentdrop'],
        ['Redeploy Requested', 'agentdrop'],
      ]);
      expect(sent[1]?.detail).toEqual({ project: 'team' });
      expect(validateEventDetail('Redeploy Requested', sent[1]?.detail)).toEqual({ ok: true, errors: [] });
    });
  });

  describe('when another execution holds the lock', () => {
    it('returns ignored and leaves lock, receipts and bus alone', async () => {
      await lockFor(otherExecution);
      const before = bus.events('agentdrop').length;

      const result = await finalize()(statusChange('TIMED_OUT'));

      expect(result).toEqual({ action: 'ignored', reason: 'the run does not hold the lock' });
      expect((await store.locks.getLock('team'))?.owner).toBe(otherExecution);
      expect(await store.receipts.listReceipts('team')).toEqual([]);
      expect(published(before)).toEqual([]);
    });
  });

  describe('when the run input names no project', () => {
    it('returns ignored', async () => {
      const result = await finalize()(statusChange('FAILED', { input: '{"detail-type":"Something Else"}' }));

      expect(result).toEqual({ action: 'ignored', reason: 'the run has no project' });
    });
  });
});
