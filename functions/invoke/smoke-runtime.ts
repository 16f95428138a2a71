import { type BedrockAgentCoreClient, InvokeAgentRuntimeCommand } from '@aws-sdk/client-bedrock-agentcore';
import { callAgentCore } from '../lib/agentcore/index.js';
import { rethrowServiceError } from './rethrow-service-error.js';
import type { SmokeReply } from './smoke-harness.js';
import { type RuntimeTraceEntry, runtimeObservations } from './tool-observations.js';

/** One MCP client of the generated runtime after a turn (`mcpStates` in core/runtime-template/files/sessions.mjs). */
interface RuntimeMcpClientState {
  readonly agent: string;
  readonly server: string;
  readonly depth: number;
  /** `connected`, `failed` (unreachable: the agent answered without it) or `disconnected` (its agent was not called). */
  readonly state: string;
}

/** The generated runtime's answer (DESIGN §4.5). */
interface RuntimeAnswer {
  readonly result?: unknown;
  readonly trace?: readonly RuntimeTraceEntry[];
  /** One entry per MCP client: a server used by two agents (or two delegation paths) appears twice. */
  readonly mcp?: readonly RuntimeMcpClientState[];
  /** The OpenTelemetry trace id of the invocation, when the runtime exports traces (otel.mjs). */
  readonly traceId?: unknown;
}

/**
 * Invokes a runtime once and reads its reply, its nested tool trace and the MCP servers it could not
 * reach. A failing agent becomes `error`, not a throw. With `onText` the runtime is asked for server-sent events
 * (DESIGN §4.5: delta frames, then one result frame carrying the answer's fields) and each delta is passed on as
 * it arrives (`agentdrop invoke`); without, for one JSON answer.
 * @throws AgentCoreThrottled, AgentCoreUnavailable or AccessDenied when the invocation itself is refused.
 */
export async function smokeRuntime(
  client: BedrockAgentCoreClient,
  options: { agentRuntimeArn: string; qualifier: string; sessionId: string; prompt: string },
  onText?: (text: string) => void,
): Promise<SmokeReply & { unreachableServers: Set<string>; traceId?: string }> {
  try {
    const answer = await callAgentCore('InvokeAgentRuntime', () =>
      client.send(
        new InvokeAgentRuntimeCommand({
          agentRuntimeArn: options.agentRuntimeArn,
          qualifier: options.qualifier,
          runtimeSessionId: options.sessionId,
          contentType: 'application/json',
          accept: onText ? 'text/event-stream' : 'application/json',
          payload: new TextEncoder().encode(JSON.stringify({ prompt: options.prompt })),
        }),
      ),
    );
    const body = answer.contentType?.includes('text/event-stream')
      ? await readEvents(answer.response as AsyncIterable<Uint8Array> | undefined, onText)
      : (JSON.parse((await answer.response?.transformToString()) ?? '{}') as RuntimeAnswer);
    return {
      reply: typeof body.result === 'string' && body.result.trim() !== '' ? body.result : null,
      error: null,
      toolCalls: runtimeObservations(body.trace ?? []),
      unreachableServers: unreachableServers(Array.isArray(body.mcp) ? body.mcp : []),
      ...(typeof body.traceId === 'string' && /^[0-9a-f]{32}$/.test(body.traceId)
        ? { traceId: body.traceId }
        : {}),
    };
  } catch (caught) {
    rethrowServiceError(caught, 'InvokeAgentRuntime');
    const error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
    return { reply: null, error, toolCalls: [], unreachableServers: new Set() };
  }
}

/** Servers that some client failed to reach and none reached. */
function unreachableServers(clients: readonly RuntimeMcpClientState[]): Set<string> {
  const failed = new Set(clients.filter((c) => c.state === 'failed').map((c) => c.server));
  for (const c of clients) if (c.state === 'connected') failed.delete(c.server);
  return failed;
}

/** One server-sent event of the generated runtime (core/runtime-template/files/sessions.mjs `streamTurn`). */
type RuntimeEvent =
  | { readonly type: 'delta'; readonly text: string }
  | ({ readonly type: 'result' } & RuntimeAnswer);

/** Reads `data: {…}` events as they arrive, passing each delta on; the result event is the answer. */
async function readEvents(
  body: AsyncIterable<Uint8Array> | undefined,
  onText: ((text: string) => void) | undefined,
): Promise<RuntimeAnswer> {
  const decoder = new TextDecoder();
  let answer: RuntimeAnswer = {};
  let pending = '';
  const take = (line: string): void => {
    if (!line.startsWith('data:')) return;
    const event = JSON.parse(line.slice('data:'.length).trim()) as RuntimeEvent;
    if (event.type === 'delta') onText?.(event.text);
    else if (event.type === 'result') answer = event;
  };
  for await (const chunk of body ?? []) {
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) take(line);
  }
  take(pending + decoder.decode());
  return answer;
}
