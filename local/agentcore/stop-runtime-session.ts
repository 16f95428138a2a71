import { assertValid } from './assert-valid.js';
import type { OperationHandler } from './emulator-context.js';
import { findRuntime } from './runtime-lookup.js';
import { checkShape, S } from './shape-schema.js';

const SessionHeader = 'x-amzn-bedrock-agentcore-runtime-session-id';

/**
 * StopRuntimeSession — `POST /runtimes/{arn}/stopruntimesession` → 200 (agentcore-api.md §8). Containers run
 * once per version here, not per session, so there is nothing to stop beyond checking the request.
 */
export const stopRuntimeSession: OperationHandler = (ctx, request) => {
  const sessionId = request.req.headers[SessionHeader];
  assertValid(
    checkShape(
      S.struct({ runtimeSessionId: S.required(S.string({ min: 33, max: 256 })) }),
      { runtimeSessionId: sessionId },
      '',
    ),
  );
  const label = request.params[0]!;
  findRuntime(ctx, label.startsWith('arn:') ? label.slice(label.lastIndexOf('/') + 1) : label);
  request.res.setHeader(SessionHeader, sessionId as string);
  return { status: 200, body: {} };
};
