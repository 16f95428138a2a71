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
}

/**
 * Invokes a runtime once (JSON) and reads its reply, its nested tool trace and the MCP servers it could not
 * reach. A failing agent becomes `error`, not a throw.
 * @throws AgentCoreThrottled, AgentCoreUnavailable or AccessDenied when the invocation itself is refused.
 */
export async function smokeRuntime(
  client: BedrockAgentCoreClient,
  options: { agentRuntimeArn: string; qualifier: string; sessionId: string; prompt: string },
): Promise<SmokeReply & { unreachableServers: Set<string> }> {
  try {
    const answer = await callAgentCore('InvokeAgentRuntime', () =>
      client.send(
        new InvokeAgentRuntimeCommand({
          agentRuntimeArn: options.agentRuntimeArn,
          qualifier: options.qualifier,
          runtimeSessionId: options.sessionId,
          contentType: 'application/json',
          accept: 'application/json',
          payload: new TextEncoder().encode(JSON.stringify({ prompt: options.prompt })),
        }),
      ),
    );
    const body = JSON.parse((await answer.response?.transformToString()) ?? '{}') as RuntimeAnswer;
    return {
      reply: typeof body.result === 'string' && body.result.trim() !== '' ? body.result : null,
      error: null,
      toolCalls: runtimeObservations(body.trace ?? []),
      unreachableServers: unreachableServers(Array.isArray(body.mcp) ? body.mcp : []),
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
