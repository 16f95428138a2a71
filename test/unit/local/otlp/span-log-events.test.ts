import { describe, expect, it } from 'vitest';
import { spanRecordsOf } from '../../../../local/otlp/index.js';

describe('spanRecordsOf', () => {
  it('turns an OTLP/JSON export request into aws/spans records: flat attributes, kind and status by name', () => {
    const records = spanRecordsOf({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'agentdrop-team' } }] },
          scopeSpans: [
            {
              scope: { name: 'strands', version: '1.0.0' },
              spans: [
                {
                  traceId: 'a'.repeat(32),
                  spanId: 'b'.repeat(16),
                  parentSpanId: 'c'.repeat(16),
                  name: 'chat',
                  kind: 1,
                  startTimeUnixNano: '1000',
                  endTimeUnixNano: '3500',
                  attributes: [
                    { key: 'gen_ai.usage.input_tokens', value: { intValue: '10' } },
                    { key: 'ok', value: { boolValue: true } },
                    { key: 'tools', value: { arrayValue: { values: [{ stringValue: 'a' }] } } },
                  ],
                  status: { code: 2 },
                },
              ],
            },
          ],
        },
      ],
    });
    expect(records).toEqual([
      {
        resource: { attributes: { 'service.name': 'agentdrop-team' } },
        scope: { name: 'strands', version: '1.0.0' },
        traceId: 'a'.repeat(32),
        spanId: 'b'.repeat(16),
        parentSpanId: 'c'.repeat(16),
        name: 'chat',
        kind: 'INTERNAL',
        startTimeUnixNano: 1000,
        endTimeUnixNano: 3500,
        durationNano: 2500,
        attributes: { 'gen_ai.usage.input_tokens': 10, ok: true, tools: ['a'] },
        status: { code: 'ERROR' },
      },
    ]);
  });

  it('refuses a body that is not an export request', () => {
    expect(() => spanRecordsOf([])).toThrow(TypeError);
  });
});
