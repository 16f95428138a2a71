import { describe, expect, it } from 'vitest';
import { matchesExecution } from '../../../../cli/target/matches-execution.js';
import type { EventBridgeEvent } from '../../../../local/eventbridge/index.js';

const uploadEvent = (id: string, versionId: string): EventBridgeEvent => ({
  version: '0',
  id,
  'detail-type': 'Object Created',
  source: 'aws.s3',
  account: '000000000000',
  time: '2026-11-25T00:00:00Z',
  region: 'us-west-2',
  resources: [],
  detail: { bucket: { name: 'drops' }, object: { key: 'drops/team.zip', 'version-id': versionId } },
});

describe('matchesExecution', () => {
  it('returns true only for the same detail type, key and version (or event id)', () => {
    const event = uploadEvent('e1', 'v1');
    expect([
      matchesExecution(event, { detailType: 'Object Created', key: 'drops/team.zip', versionId: 'v1' }),
      matchesExecution(event, { detailType: 'Object Created', key: 'drops/team.zip', versionId: null }),
      matchesExecution(event, { detailType: 'Object Deleted', key: 'drops/team.zip', versionId: 'v1' }),
      matchesExecution(event, { detailType: 'Object Created', key: 'drops/other.zip', versionId: 'v1' }),
      matchesExecution(event, { detailType: 'Redeploy Requested', eventId: 'e1' }),
    ]).toEqual([true, true, false, false, false]);
  });
});
