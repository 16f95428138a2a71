import { describe, expect, it } from 'vitest';
import { normalizeTrigger } from '../../../../functions/lib/normalize-trigger.js';

const s3Event = (detailType: string, key: string, extra: Record<string, unknown> = {}) => ({
  id: 'evt-1',
  source: 'aws.s3',
  'detail-type': detailType,
  detail: {
    bucket: { name: 'drops-bucket' },
    object: { key, 'version-id': 'v1', sequencer: '0A1B' },
    requester: '123456789012',
    ...extra,
  },
});

describe('normalizeTrigger', () => {
  it('returns an upload trigger for Object Created of drops/<project>.zip', () => {
    expect(normalizeTrigger(s3Event('Object Created', 'drops/team.zip'))).toEqual({
      ok: true,
      trigger: {
        kind: 'upload',
        project: 'team',
        bucket: 'drops-bucket',
        key: 'drops/team.zip',
        versionId: 'v1',
        sequencer: '0A1B',
        eventId: 'evt-1',
        requester: '123456789012',
        force: false,
      },
      request: {},
      teardown: false,
    });
  });

  it('tears down only for a delete that leaves a delete marker', () => {
    const marker = normalizeTrigger(
      s3Event('Object Deleted', 'drops/team.zip', { 'deletion-type': 'Delete Marker Created' }),
    );
    const expiry = normalizeTrigger(
      s3Event('Object Deleted', 'drops/team.zip', {
        reason: 'Lifecycle Expiration',
        'deletion-type': 'Permanently Deleted',
      }),
    );
    expect([marker.ok && marker.teardown, expiry.ok && expiry.teardown]).toEqual([true, false]);
  });

  it('returns a redeploy trigger with its overrides', () => {
    const result = normalizeTrigger({
      id: 'evt-2',
      source: 'ops.tool',
      'detail-type': 'Redeploy Requested',
      detail: { project: 'team', force: true, mode: 'runtime', region: 'eu-central-1', colour: 'red' },
    });
    expect(result).toMatchObject({
      ok: true,
      trigger: {
        kind: 'redeploy',
        project: 'team',
        key: 'drops/team.zip',
        force: true,
        requester: 'ops.tool',
      },
      request: { mode: 'runtime', region: 'eu-central-1' },
    });
  });

  it('carries a rollback request (rollbackTo) of a redeploy command', () => {
    const result = normalizeTrigger({
      id: 'evt-3',
      source: 'agentdrop.cli',
      'detail-type': 'Redeploy Requested',
      detail: { project: 'team', rollbackTo: 'previous' },
    });
    expect(result).toMatchObject({
      ok: true,
      trigger: { kind: 'redeploy' },
      request: { rollbackTo: 'previous' },
    });
  });

  it('rejects keys that are not drops/<project>.zip and unknown events', () => {
    expect(normalizeTrigger(s3Event('Object Created', 'drops/a/b.zip')).ok).toBe(false);
    expect(normalizeTrigger(s3Event('Object Created', 'uploads/team.zip')).ok).toBe(false);
    expect(normalizeTrigger({ 'detail-type': 'Something Else' })).toMatchObject({ ok: false });
  });
});
