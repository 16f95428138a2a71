import { describe, expect, it } from 'vitest';
import { correlateInvocations, invocationCorrelator, requestIdOf } from '../../../../cli/logs/index.js';

const mine = '11111111-1111-4111-8111-111111111111';
const other = '22222222-2222-4222-8222-222222222222';
const line = (requestId: string, deployId: string) =>
  JSON.stringify({
    level: 'INFO',
    message: 'invocation completed',
    function_request_id: requestId,
    deployId,
  });
const invocation = (requestId: string, deployId: string) => [
  { message: `START RequestId: ${requestId} Version: $LATEST` },
  { message: line(requestId, deployId) },
  { message: `END RequestId: ${requestId}` },
  { message: `REPORT RequestId: ${requestId}\tDuration: 3.00 ms` },
];

describe('correlateInvocations', () => {
  it('keeps every line of the invocations that name the deploy id, START to REPORT, in order', () => {
    const events = [...invocation(mine, 'D1'), ...invocation(other, 'D2')];
    expect(correlateInvocations(events, 'D1')).toEqual(invocation(mine, 'D1'));
  });

  it('keeps interleaved invocations apart by request id', () => {
    const a = invocation(mine, 'D1');
    const b = invocation(other, 'D2');
    const interleaved = [a[0]!, b[0]!, b[1]!, a[1]!, a[2]!, b[2]!, a[3]!, b[3]!];
    expect(correlateInvocations(interleaved, 'D2')).toEqual(b);
  });

  it('keeps a line without a request id only when it names the deploy id itself', () => {
    expect(correlateInvocations([{ message: 'loose D1 line' }, { message: 'loose line' }], 'D1')).toEqual([
      { message: 'loose D1 line' },
    ]);
  });

  it('finds no lines for a deploy no invocation logged', () => {
    expect(correlateInvocations(invocation(mine, 'D1'), 'D9')).toEqual([]);
  });
});

describe('requestIdOf', () => {
  it('reads the Lambda service lines and the Powertools JSON line', () => {
    expect(invocation(mine, 'D1').map((event) => requestIdOf(event.message))).toEqual([
      mine,
      mine,
      mine,
      mine,
    ]);
    expect(requestIdOf('plain text')).toBeNull();
  });
});

describe('invocationCorrelator', () => {
  it('across batches: a START read before the line naming the deploy, and END/REPORT read after, are kept', () => {
    const correlator = invocationCorrelator<{ message: string }>('D1');
    const [start, named, end, report] = invocation(mine, 'D1');
    const others = invocation(other, 'D2');
    expect(correlator.push([start!, others[0]!])).toEqual([]);
    expect(correlator.push([named!, others[1]!])).toEqual([start, named]);
    expect(correlator.push([end!, report!, others[2]!, others[3]!])).toEqual([end, report]);
  });
});
