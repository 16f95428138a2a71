import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFinalizeFunction } from '../../../../functions/finalize/finalize-run.js';
import type { RunHistory } from '../../../../functions/finalize/run-history.js';
import { deployIdOf } from '../../../../functions/lib/deploy-id.js';
import { validateEventDetail } from '../../../../functions/lib/event-schemas.js';
import { createDeployStore, type DeployStore } from '../../../../functions/lib/store/index.js';
import { type EventBridgeEmulator, startEventBridgeEmulator } from '../../../../local/eventbridge/index.js';
import { createAgentdropTable } from '../../../support/create-table.js';
import { holdLock } from '../../../support/hold-lock.js';

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
let tableName = '';
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
  tableName = `finalize-${++tables}`;
  await createAgentdropTable(documents, tableName);
  store = createDeployStore({ documents, tableName });
});

function finalize(history: Partial<RunHistory> = {}) {
  return createFinalizeFunction({
    store,
    events,
    eventBusName: 'agentdrop',
    region: 'us-west-2',
    emulated: false,
    now: () => now,
    readHistory: async () => ({ outcomePublished: false, lastDocument: null, lastState: null, ...history }),
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

const startDate = now.getTime() - 60_000;
/** The deploy id every step of this run derives (Plan, RecordFailure, the finalizer). */
const deployId = deployIdOf(executionArn, new Date(startDate));

function statusChange(status: string, overrides: Record<string, unknown> = {}) {
  return {
    'detail-type': 'Step Functions Execution Status Change',
    source: 'aws.states',
    detail: {
      executionArn,
      stateMachineArn: stateMachine,
      status,
      startDate,
      stopDate: now.getTime(),
      input: JSON.stringify(uploadEvent()),
      error: null,
      cause: null,
      ...overrides,
    },
  };
}

async function lockFor(owner: string, pending?: Parameters<typeof holdLock>[2]['pending']) {
  await holdLock(documents, tableName, {
    project: 'team',
    owner,
    deployId,
    leaseExpiresAt: nowSeconds + 7200,
    ...(pending ? { pending } : {}),
  });
}

function published(since: number) {
  return bus.events('agentdrop').slice(since);
}

/** The document as a run leaves it once RecordSuccess returned (`$.recorded` of a success). */
function recordedSuccess() {
  return {
    ...uploadEvent(),
    plan: { project: 'team', deployId },
    recorded: {
      outcome: 'succeeded',
      detailType: 'Deploy Succeeded',
      detail: { metadata: { deployId, project: 'team' }, data: { mode: 'harness' } },
      errorCode: null,
      errorMessage: null,
    },
  };
}

describe('createFinalizeFunction', () => {
  describe('when an aborted run still holds its lock', () => {
    it('writes the failure receipt naming the state it stopped in, publishes Deploy Failed and releases the lock', async () => {
      await lockFor(executionArn);
      const before = bus.events('agentdrop').length;

      const result = await finalize({ lastState: 'WaitForHarness', lastDocument: uploadEvent() })(
        statusChange('ABORTED'),
      );

      expect(result).toEqual({
        action: 'finalized',
        project: 'team',
        deployId,
        published: 'Deploy Failed',
        lockReleased: true,
        redeploy: false,
      });
      expect(await store.locks.getLock('team')).toBeNull();
      const receipt = await store.receipts.getReceipt('team', deployId);
      expect(receipt).toMatchObject({
        outcome: 'failed',
        executionArn,
        trigger: { kind: 'upload', key: 'drops/team.zip', versionId: 'v1' },
        error: {
          code: 'ExecutionAborted',
          name: 'ExecutionAborted',
          message: 'The run ended ABORTED in state WaitForHarness before it could record its outcome.',
          state: 'WaitForHarness',
        },
        startedAt: '2026-11-25T11:59:00.000Z',
        finishedAt: '2026-11-25T12:00:00.000Z',
        finalizedAt: '2026-11-25T12:00:00.000Z',
      });
      const sent = published(before);
      expect(sent.map((event) => event['detail-type'])).toEqual(['Deploy Failed']);
      const detail = sent[0]?.detail as { data: Record<string, unknown>; metadata: Record<string, unknown> };
      expect(validateEventDetail('Deploy Failed', detail)).toEqual({ ok: true, errors: [] });
      expect(detail.metadata).toEqual({
        schemaVersion: '1',
        deployId,
        project: 'team',
        executionArn,
        occurredAt: '2026-11-25T12:00:00.000Z',
        trigger: 'upload',
      });
      expect(detail.data).toMatchObject({ errorCode: 'ExecutionAborted', failedState: 'WaitForHarness' });
    });

    it('publishes nothing more when the same status change is delivered again', async () => {
      await lockFor(executionArn);
      const history = { lastState: 'WaitForHarness', lastDocument: uploadEvent() };
      await finalize(history)(statusChange('ABORTED'));
      const before = bus.events('agentdrop').length;

      const again = await finalize(history)(statusChange('ABORTED'));

      expect(again).toEqual({ action: 'ignored', reason: 'the run published its outcome and holds no lock' });
      expect(published(before)).toEqual([]);
      expect(await store.receipts.listReceipts('team')).toHaveLength(1);
    });
  });

  describe('when a failed run carried an error and a pending drop', () => {
    it('reports the error and asks for a redeploy of the pending drop', async () => {
      await lockFor(executionArn, {
        key: 'drops/team.zip',
        versionId: 'v2',
        sequencer: '0A2',
        deployId: 'deploy-2',
        queuedAt: nowSeconds,
      });
      const before = bus.events('agentdrop').length;

      const result = await finalize({ lastState: 'RecordFailure', lastDocument: uploadEvent() })(
        statusChange('FAILED', {
          error: 'States.Runtime',
          cause: 'An error occurred while executing RecordFailure.',
        }),
      );

      expect(result).toMatchObject({ action: 'finalized', published: 'Deploy Failed', redeploy: true });
      const receipt = await store.receipts.getReceipt('team', deployId);
      expect(receipt?.error).toEqual({
        code: 'States.Runtime',
        name: 'States.Runtime',
        message: 'The run failed outside its failure path: An error occurred while executing RecordFailure.',
        state: 'RecordFailure',
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

  describe('when Plan and then the record step failed, so the run never held a lock', () => {
    it('still publishes the one Deploy Failed under the deploy id Plan would have used', async () => {
      const before = bus.events('agentdrop').length;

      const result = await finalize({ lastState: 'RecordFailure', lastDocument: uploadEvent() })(
        statusChange('FAILED', { error: 'AccessDeniedException', cause: 'denied' }),
      );

      expect(result).toMatchObject({
        action: 'finalized',
        deployId,
        published: 'Deploy Failed',
        lockReleased: false,
      });
      expect(published(before).map((event) => event['detail-type'])).toEqual(['Deploy Failed']);
    });
  });

  describe('when the run recorded its success but could not publish it', () => {
    it('publishes the recorded Deploy Succeeded, not a failure, and frees the lock', async () => {
      await lockFor(executionArn);
      await store.receipts.putReceipt({
        project: 'team',
        deployId,
        executionArn,
        outcome: 'succeeded',
        trigger: {
          kind: 'upload',
          bucket: null,
          key: null,
          versionId: null,
          sequencer: null,
          eventId: null,
          requester: null,
        },
        mode: 'harness',
        decision: 'create',
        skipReason: null,
        fingerprint: null,
        durations: {},
        diagnostics: { errors: 0, warnings: 0, infos: 0 },
        cells: [],
        links: { console: null, buildLog: null },
        error: null,
        emulated: false,
        startedAt: '2026-11-25T11:59:00.000Z',
        finishedAt: '2026-11-25T11:59:59.000Z',
      });
      const before = bus.events('agentdrop').length;

      const result = await finalize({ lastState: 'PublishOutcome', lastDocument: recordedSuccess() })(
        statusChange('FAILED', { error: 'EventBridge.FailedEntry', cause: 'throttled' }),
      );

      expect(result).toMatchObject({
        action: 'finalized',
        published: 'Deploy Succeeded',
        lockReleased: true,
      });
      expect(published(before).map((event) => event['detail-type'])).toEqual(['Deploy Succeeded']);
      expect(await store.receipts.getReceipt('team', deployId)).toMatchObject({
        outcome: 'succeeded',
        finalizedAt: '2026-11-25T12:00:00.000Z',
      });
      expect(await store.locks.getLock('team')).toBeNull();
    });
  });

  describe('when the run published its outcome itself', () => {
    it('leaves receipts and bus alone, and a lock held by another run too', async () => {
      await lockFor(otherExecution);
      const before = bus.events('agentdrop').length;

      const result = await finalize({ outcomePublished: true, lastState: 'FailDeploy' })(
        statusChange('FAILED'),
      );

      expect(result).toEqual({
        action: 'ignored',
        reason: 'the run published its outcome and holds no lock',
      });
      expect((await store.locks.getLock('team'))?.owner).toBe(otherExecution);
      expect(await store.receipts.listReceipts('team')).toEqual([]);
      expect(published(before)).toEqual([]);
    });
  });

  describe('when the run is still running or succeeded', () => {
    it('returns ignored', async () => {
      expect(await finalize()(statusChange('SUCCEEDED'))).toEqual({
        action: 'ignored',
        reason: 'the run is SUCCEEDED',
      });
    });
  });
});
