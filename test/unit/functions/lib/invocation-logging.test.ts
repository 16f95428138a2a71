import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPowertools, withPowertools } from '../../../../functions/lib/powertools-handler.js';

const context = {
  functionName: 'agentdrop-plan',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-west-2:000000000000:function:agentdrop-plan',
  memoryLimitInMB: '1024',
  awsRequestId: '11111111-1111-4111-8111-111111111111',
  logGroupName: '/aws/lambda/agentdrop-plan',
  logStreamName: 'local',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

/** The structured log lines (level and message) the function wrote to stdout and stderr. */
function captureLines(): { lines: Record<string, unknown>[] } {
  const captured = { lines: [] as Record<string, unknown>[] };
  const take = (chunk: unknown): boolean => {
    for (const text of String(chunk).split('\n')) {
      try {
        const line = JSON.parse(text) as Record<string, unknown>;
        if (typeof line.level === 'string') captured.lines.push(line);
      } catch {
        // Not a log line (EMF metrics are JSON without a level).
      }
    }
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(take);
  vi.spyOn(process.stderr, 'write').mockImplementation(take);
  return captured;
}

describe('withPowertools', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('logs a completed invocation with the deploy id its result chose, and the request id', async () => {
    const captured = captureLines();
    const handler = withPowertools(
      async () => ({ deployId: 'D1', project: 'team', action: 'deploy' }),
      createPowertools('agentdrop-plan'),
    );
    await handler({ action: 'plan', event: {} }, context);
    expect(captured.lines).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'invocation completed',
        function_request_id: context.awsRequestId,
        action: 'plan',
        project: 'team',
        deployId: 'D1',
      }),
    ]);
  });

  it("puts the event's deploy id on the error line, and not on the next invocation's lines", async () => {
    const captured = captureLines();
    const tools = createPowertools('agentdrop-harness');
    const failing = withPowertools(async (): Promise<unknown> => {
      throw Object.assign(new Error('boom'), { code: 'harness.failed' });
    }, tools);
    await expect(
      failing({ action: 'status', plan: { deployId: 'D2', project: 'demo' } }, context),
    ).rejects.toThrow();
    const quiet = withPowertools(async () => ({}), tools);
    await quiet({ action: 'status' }, context);
    expect(captured.lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'handler failed',
        code: 'harness.failed',
        deployId: 'D2',
      }),
      expect.not.objectContaining({ deployId: 'D2' }),
    ]);
  });
});
