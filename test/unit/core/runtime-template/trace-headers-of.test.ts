import { describe, expect, it } from 'vitest';
import { traceHeadersOf } from '../../../../core/runtime-template/files/http.mjs';

describe('traceHeadersOf', () => {
  it('keeps the W3C trace-context headers of a request, the first value of a repeated one, and nothing else', () => {
    expect(
      traceHeadersOf({
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        tracestate: ['a=1', 'b=2'],
        baggage: '',
        authorization: 'Bearer secret',
        'x-amzn-bedrock-agentcore-runtime-session-id': 's'.repeat(33),
      }),
    ).toEqual({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: 'a=1' });
  });

  it('is empty for a request without them', () => {
    expect(traceHeadersOf({ accept: 'application/json' })).toEqual({});
  });
});
