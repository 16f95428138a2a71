import { describe, expect, it } from 'vitest';
import { tracedStream } from '../../../../core/runtime-template/files/otel.mjs';

describe('tracedStream', () => {
  it('closes the inner stream when its reader stops early, so the turn releases its session', async () => {
    let released = false;
    async function* turn(): AsyncGenerator<Record<string, unknown>> {
      try {
        yield { type: 'delta', text: 'Hel' };
        yield { type: 'delta', text: 'lo' };
        yield { type: 'result', text: 'Hello' };
      } finally {
        released = true;
      }
    }
    const stream = tracedStream({ project: 'team', sessionId: 's'.repeat(33) }, turn());
    expect((await stream.next()).value).toEqual({ type: 'delta', text: 'Hel' });
    // What BedrockAgentCoreApp does when the client disconnects: break out of its for-await loop.
    await stream.return(undefined);
    expect(released).toBe(true);
  });

  it('passes every frame of a stream read to its end, the result last', async () => {
    async function* turn(): AsyncGenerator<Record<string, unknown>> {
      yield { type: 'delta', text: 'Hi' };
      yield { type: 'result', text: 'Hi' };
    }
    const frames: unknown[] = [];
    for await (const frame of tracedStream({ project: 'team', sessionId: 's'.repeat(33) }, turn()))
      frames.push(frame);
    expect(frames).toEqual([
      { type: 'delta', text: 'Hi' },
      expect.objectContaining({ type: 'result', text: 'Hi' }),
    ]);
  });
});
