import { describe, expect, it } from 'vitest';
import { matchesEventPattern } from '../../../../local/eventbridge/index.js';

const event = {
  source: 'aws.s3',
  'detail-type': 'Object Deleted',
  resources: ['arn:aws:s3:::agentdrop-drops'],
  detail: {
    bucket: { name: 'agentdrop-drops' },
    object: { key: 'drops/team.zip', size: 120 },
    reason: 'DeleteObject',
    'deletion-type': 'Delete Marker Created',
  },
};

describe('matchesEventPattern', () => {
  describe('when every key lists the event value', () => {
    it('returns true', () => {
      expect(
        matchesEventPattern(
          {
            source: ['aws.s3'],
            'detail-type': ['Object Created', 'Object Deleted'],
            detail: { reason: ['DeleteObject'], 'deletion-type': ['Delete Marker Created'] },
          },
          event,
        ),
      ).toBe(true);
    });
  });

  describe('when a value is not listed', () => {
    it('returns false', () => {
      expect(matchesEventPattern({ source: ['aws.s3'], 'detail-type': ['Object Created'] }, event)).toBe(
        false,
      );
    });
  });

  describe('with operators', () => {
    it('returns true for prefix, suffix, wildcard, numeric, exists and anything-but that hold', () => {
      expect(
        matchesEventPattern(
          {
            resources: [{ prefix: 'arn:aws:s3:::' }],
            detail: {
              object: { key: [{ wildcard: 'drops/*.zip' }], size: [{ numeric: ['>', 0, '<=', 1000] }] },
              bucket: { name: [{ suffix: '-drops' }] },
              reason: [{ 'anything-but': ['Lifecycle Expiration'] }],
              missing: [{ exists: false }],
            },
          },
          event,
        ),
      ).toBe(true);
    });

    it('returns false when one operator fails', () => {
      expect(
        matchesEventPattern({ detail: { object: { key: [{ wildcard: 'drops/*/x.zip' }] } } }, event),
      ).toBe(false);
      expect(matchesEventPattern({ detail: { reason: [{ exists: false }] } }, event)).toBe(false);
      expect(
        matchesEventPattern({ detail: { reason: [{ 'equals-ignore-case': 'deleteobject' }] } }, event),
      ).toBe(true);
    });

    it('returns true when one $or alternative matches', () => {
      expect(
        matchesEventPattern(
          { $or: [{ source: ['agentdrop'] }, { detail: { reason: ['DeleteObject'] } }] },
          event,
        ),
      ).toBe(true);
    });
  });
});
