import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createDeployStore,
  type DeployStore,
  type ProjectState,
  type Receipt,
} from '../../../../../functions/lib/store/index.js';
import { createAgentdropTable } from '../../../../support/create-table.js';
import { holdLock } from '../../../../support/hold-lock.js';

let server: Server;
let documents: DynamoDBDocumentClient;
let store: DeployStore;
let tableName = '';
let tables = 0;

beforeAll(async () => {
  server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-west-2',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
});

afterAll(async () => {
  documents.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(async () => {
  tableName = `store-${++tables}`;
  await createAgentdropTable(documents, tableName);
  store = createDeployStore({ documents, tableName });
});

function makeState(overrides: Partial<ProjectState> = {}): Omit<ProjectState, 'rev'> {
  const { rev: _rev, ...state } = {
    project: 'team',
    mode: 'harness',
    region: 'us-west-2',
    resource: {
      name: 'agentdrop_team',
      id: 'h-1',
      arn: 'arn:aws:bedrock-agentcore:us-west-2:1:harness/h-1',
      version: '1',
    },
    fingerprint: 'f'.repeat(64),
    specHash: 's'.repeat(64),
    image: null,
    skillPrefixes: ['skills/team/abc/review/'],
    lastDeployId: 'd1',
    updatedAt: '2026-11-25T12:00:00.000Z',
    rev: 0,
    ...overrides,
  } as ProjectState;
  return state;
}

function makeReceipt(deployId: string, overrides: Partial<Receipt> = {}): Receipt {
  return {
    project: 'team',
    deployId,
    executionArn: `arn:aws:states:us-west-2:0:execution:agentdrop-deploy:${deployId}`,
    outcome: 'succeeded',
    trigger: {
      kind: 'upload',
      bucket: 'drops',
      key: 'drops/team.zip',
      versionId: 'v1',
      sequencer: '01',
      eventId: 'e',
      requester: null,
    },
    mode: 'harness',
    decision: 'create',
    skipReason: null,
    fingerprint: 'f',
    durations: { totalMs: 10 },
    diagnostics: { errors: 0, warnings: 1, infos: 2 },
    cells: [{ cell: 'agent', state: 'EXERCISED', reason: 'The agent replied.', evidence: 'hi' }],
    links: { console: null, buildLog: null },
    error: null,
    emulated: true,
    startedAt: '2026-11-25T12:00:00.000Z',
    finishedAt: '2026-11-25T12:00:01.000Z',
    ...overrides,
  };
}

const now = 1_760_000_000;
const pending = { key: 'drops/team.zip', versionId: 'v2', sequencer: '02', deployId: 'd2', queuedAt: now };

describe('StateStore', () => {
  describe('when no STATE exists', () => {
    it('returns null and rev 0, then creates rev 1', async () => {
      expect(await store.state.getState('team')).toBeNull();
      expect(await store.state.getRev('team')).toBe(0);
      expect(await store.state.putState(makeState(), 0)).toBe(1);
      expect(await store.state.getState('team')).toEqual({ ...makeState(), rev: 1 });
    });
  });

  describe('when the same write is retried after it landed', () => {
    it('succeeds again without moving rev (a Step Functions retry of RecordSuccess)', async () => {
      expect(await store.state.putState(makeState(), 0)).toBe(1);
      expect(await store.state.putState(makeState(), 0)).toBe(1);
      expect(await store.state.putState(makeState({ lastDeployId: 'd2' }), 1)).toBe(2);
      expect(await store.state.putState(makeState({ lastDeployId: 'd2' }), 1)).toBe(2);
      expect(await store.state.getState('team')).toEqual({ ...makeState({ lastDeployId: 'd2' }), rev: 2 });
    });
  });

  describe('when rev moved', () => {
    it('rejects the write with StateConflict', async () => {
      await store.state.putState(makeState(), 0);
      await store.state.putState(makeState({ lastDeployId: 'd2' }), 1);
      await expect(store.state.putState(makeState({ lastDeployId: 'd3' }), 1)).rejects.toMatchObject({
        name: 'StateConflict',
      });
      await expect(store.state.putState(makeState(), 0)).rejects.toMatchObject({ name: 'StateConflict' });
      expect((await store.state.getState('team'))?.lastDeployId).toBe('d2');
    });
  });

  describe('clearState', () => {
    it('deletes at the expected rev and rejects another rev', async () => {
      await store.state.putState(makeState(), 0);
      await expect(store.state.clearState('team', 5)).rejects.toMatchObject({ name: 'StateConflict' });
      await store.state.clearState('team', 1);
      expect(await store.state.getState('team')).toBeNull();
      await store.state.clearState('team', 1);
    });
  });
});

describe('LockStore', () => {
  const hold = (owner: string, withPending = false) =>
    holdLock(documents, tableName, {
      project: 'team',
      owner,
      deployId: `d-${owner}`,
      leaseExpiresAt: now + 600,
      ...(withPending ? { pending } : {}),
    });

  describe('getLock', () => {
    it('reads the lock the state machine wrote, with its pending drop', async () => {
      await hold('arn:a', true);
      expect(await store.locks.getLock('team')).toEqual({
        project: 'team',
        owner: 'arn:a',
        deployId: 'd-arn:a',
        leaseExpiresAt: now + 600,
        pending,
      });
    });

    it('returns null when the project is not locked', async () => {
      expect(await store.locks.getLock('team')).toBeNull();
    });
  });

  describe('releaseLock', () => {
    it('frees a lock we hold and returns its pending drop', async () => {
      await hold('arn:a', true);
      expect(await store.locks.releaseLock({ project: 'team', owner: 'arn:a' })).toEqual({
        released: true,
        pending,
      });
      expect(await store.locks.getLock('team')).toBeNull();
    });

    it('leaves a lock held by someone else', async () => {
      await hold('arn:a');
      expect(await store.locks.releaseLock({ project: 'team', owner: 'arn:b' })).toEqual({
        released: false,
        pending: null,
      });
      expect((await store.locks.getLock('team'))?.owner).toBe('arn:a');
    });
  });
});

describe('ReceiptStore', () => {
  it('lists receipts newest first and reads one back', async () => {
    await store.receipts.putReceipt(makeReceipt('01JD0000000000000000000001'));
    await store.receipts.putReceipt(
      makeReceipt('01JD0000000000000000000003', { outcome: 'failed' }),
      now + 86_400,
    );
    await store.receipts.putReceipt(makeReceipt('01JD0000000000000000000002', { outcome: 'skipped' }));
    await store.state.putState(makeState(), 0);

    const listed = await store.receipts.listReceipts('team');
    expect(listed.map((receipt) => [receipt.deployId, receipt.outcome])).toEqual([
      ['01JD0000000000000000000003', 'failed'],
      ['01JD0000000000000000000002', 'skipped'],
      ['01JD0000000000000000000001', 'succeeded'],
    ]);
    expect(await store.receipts.listReceipts('team', { limit: 1 })).toHaveLength(1);
    expect(await store.receipts.getReceipt('team', '01JD0000000000000000000003')).toEqual(
      makeReceipt('01JD0000000000000000000003', { outcome: 'failed' }),
    );
    expect(await store.receipts.getReceipt('team', 'nope')).toBeNull();
  });
});

describe('DedupeStore', () => {
  const claim = (
    deployId: string,
    nowSeconds = now,
    versionId: string | null = 'v1',
    executionArn = `arn:${deployId}`,
  ) =>
    store.dedupe.claimObjectEvent({
      executionArn,
      bucket: 'drops',
      key: 'drops/team.zip',
      versionId,
      sequencer: '0A',
      deployId,
      nowSeconds,
      ttlSeconds: 604_800,
    });

  describe('claimObjectEvent', () => {
    it('lets the first claim win and names it on duplicates', async () => {
      expect(await claim('d1')).toEqual({ duplicate: false });
      expect(await claim('d2')).toEqual({ duplicate: true, firstDeployId: 'd1' });
    });

    it('lets the claiming execution claim again (replan, redrive)', async () => {
      await claim('d1');
      expect(await claim('d1', now, 'v1', 'arn:d1')).toEqual({ duplicate: false });
    });

    it('treats an expired claim as absent (TTL is checked in code)', async () => {
      await claim('d1');
      expect(await claim('d2', now + 604_801)).toEqual({ duplicate: false });
    });

    it('falls back to the sequencer without a versionId', async () => {
      expect(await claim('d1', now, null)).toEqual({ duplicate: false });
      expect(await claim('d2', now, null)).toEqual({ duplicate: true, firstDeployId: 'd1' });
    });

    it('rejects an event with neither versionId nor sequencer', async () => {
      await expect(
        store.dedupe.claimObjectEvent({
          bucket: 'b',
          key: 'k',
          versionId: null,
          sequencer: null,
          deployId: 'd',
          executionArn: 'arn:d',
          nowSeconds: now,
          ttlSeconds: 1,
        }),
      ).rejects.toMatchObject({ name: 'InvalidInput' });
    });
  });

  describe('claimRedeployEvent', () => {
    it('dedupes by EventBridge event id', async () => {
      const options = {
        eventId: 'evt-1',
        deployId: 'd1',
        executionArn: 'arn:1',
        nowSeconds: now,
        ttlSeconds: 60,
      };
      expect(await store.dedupe.claimRedeployEvent(options)).toEqual({ duplicate: false });
      expect(await store.dedupe.claimRedeployEvent(options)).toEqual({ duplicate: false });
      expect(
        await store.dedupe.claimRedeployEvent({ ...options, deployId: 'd2', executionArn: 'arn:2' }),
      ).toEqual({
        duplicate: true,
        firstDeployId: 'd1',
      });
      expect(
        await store.dedupe.claimRedeployEvent({
          ...options,
          deployId: 'd3',
          executionArn: 'arn:3',
          nowSeconds: now + 61,
        }),
      ).toEqual({ duplicate: false });
    });
  });

  describe('recordLatestSequencer', () => {
    const record = (sequencer: string) =>
      store.dedupe.recordLatestSequencer({
        bucket: 'drops',
        key: 'drops/team.zip',
        sequencer,
        deployId: 'd',
      });

    it('marks older sequencers stale, comparing padded hex of any length and case', async () => {
      expect(await record('0055AED6DCD90281E5')).toEqual({ stale: false });
      expect(await record('0055aed6dcd90281e5')).toEqual({ stale: false });
      expect(await record('0055AED6DCD90281E4')).toEqual({ stale: true });
      expect(await record('0055AED6DCD90281E6')).toEqual({ stale: false });
      expect(await record('0055AED6DCD90281E5FF')).toEqual({ stale: true });
      expect(await record('0055AED6DCD9028200')).toEqual({ stale: false });
    });

    it('rejects a sequencer that is not hex', async () => {
      await expect(record('not-hex')).rejects.toMatchObject({ name: 'InvalidInput' });
    });
  });
});
