import { describe, expect, it } from 'vitest';
import { actorOf, DefaultActorId } from '../../../../core/runtime-template/files/http.mjs';

describe('actorOf', () => {
  it('returns the body’s actorId when AgentCore accepts it', () => {
    expect(actorOf({ prompt: 'hi', actorId: 'tenant/ana:42' })).toBe('tenant/ana:42');
  });

  it('returns the default actor when the body names none or an invalid one', () => {
    expect([
      actorOf({ prompt: 'hi' }),
      actorOf({ actorId: 7 }),
      actorOf({ actorId: '-starts-with-dash' }),
      actorOf({ actorId: 'has space' }),
      actorOf({ actorId: 'a'.repeat(256) }),
    ]).toEqual([DefaultActorId, DefaultActorId, DefaultActorId, DefaultActorId, DefaultActorId]);
    expect(DefaultActorId).toBe('user');
  });
});
