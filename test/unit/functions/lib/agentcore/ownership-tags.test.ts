import { describe, expect, it } from 'vitest';
import { ownerOf } from '../../../../../functions/lib/agentcore/ownership-tags.js';

describe('ownerOf', () => {
  it.each([
    [{ 'agentdrop:stack': 's', 'agentdrop:project': 'p' }, 'stack s, project p'],
    [{ 'agentdrop:stack': 's' }, 'stack s'],
    [{ 'agentdrop:project': 'p', team: 'x' }, 'project p'],
    [{ team: 'x' }, null],
    [undefined, null],
  ])('names the holder of %j as %j', (tags, owner) => {
    expect(ownerOf(tags)).toBe(owner);
  });
});
