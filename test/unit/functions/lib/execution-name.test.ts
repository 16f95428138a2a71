import { describe, expect, it } from 'vitest';
import { deployIdOf } from '../../../../functions/lib/deploy-id.js';
import { deployIdInName, executionNameFor } from '../../../../functions/lib/execution-name.js';

const at = new Date('2026-12-04T20:00:00.123Z');
const upload = (key: string, id = 'event-1') => ({
  id,
  'detail-type': 'Object Created',
  detail: { bucket: { name: 'drops' }, object: { key } },
});

describe('executionNameFor', () => {
  it('names a run <project>-<deploy id> from the drop key or the redeploy detail', () => {
    expect(executionNameFor(upload('drops/team.zip'), at)).toMatch(/^team-[0-9A-HJKMNP-TV-Z]{26}$/);
    const redeploy = { id: 'e', 'detail-type': 'Redeploy Requested', detail: { project: 'helpdesk' } };
    expect(executionNameFor(redeploy, at)).toMatch(/^helpdesk-[0-9A-Z]{26}$/);
  });

  it('falls back to drop-<deploy id> for a trigger without a valid project, within the 80-character limit', () => {
    expect(executionNameFor(upload('drops/Not Valid.zip'), at)).toMatch(/^drop-[0-9A-Z]{26}$/);
    const longest = executionNameFor(upload(`drops/a${'b'.repeat(29)}.zip`), at);
    expect(longest.length).toBeLessThanOrEqual(80);
    expect(longest).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('gives two events of the same millisecond two names, and later runs later ids', () => {
    const first = executionNameFor(upload('drops/team.zip', 'a'), at);
    const second = executionNameFor(upload('drops/team.zip', 'b'), at);
    expect(first).not.toBe(second);
    const later = executionNameFor(upload('drops/team.zip', 'a'), new Date(at.getTime() + 1));
    expect(later.slice(5) > first.slice(5)).toBe(true);
  });
});

describe('deployIdOf', () => {
  it('is the deploy id a starter-named execution carries', () => {
    const name = executionNameFor(upload('drops/team.zip'), at);
    const arn = `arn:aws:states:us-west-2:000000000000:execution:agentdrop-deploy:${name}`;
    expect(deployIdInName(arn)).toBe(name.slice('team-'.length));
    expect(deployIdOf(arn, '2026-12-04T21:00:00Z')).toBe(name.slice('team-'.length));
  });

  it('is derived from start and ARN for any other name (a run started by hand)', () => {
    const arn = 'arn:aws:states:us-west-2:000000000000:execution:agentdrop-deploy:by-hand';
    expect(deployIdInName(arn)).toBeNull();
    expect(deployIdOf(arn, at)).toMatch(/^[0-9A-Z]{26}$/);
    expect(deployIdOf(arn, at)).toBe(deployIdOf(arn, at.toISOString()));
  });
});
