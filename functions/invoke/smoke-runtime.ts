import { type BedrockAgentCoreClient, InvokeAgentRuntimeCommand } from '@aws-sdk/client-bedrock-agentcore';
import { callAgentCore } from '../lib/agentcore/index.js';
import type { SmokeReply } from './smoke-harness.js';
import { throwIfTransient } from './throw-if-transient.js';
import { type RuntimeTraceEntry, runtimeObservations } from './tool-observations.js';

/** The generated runtime's answer (DESIGN §4.5). */
interface RuntimeAnswer {
  readonly result?: unknown;
  readonly trace?: readonly RuntimeTraceEntry[];
  /** Per MCP server: connected, failed (unreachable) or disconnected (unused). */
  readonly mcp?: Readonly<Record<string, string>>;
}

/** Invokes a runtime once (JSON) and reads its reply, its nested tool trace and its MCP connection states. */
export async function smokeRuntime(
  client: BedrockAgentCoreClient,
  options: { agentRuntimeArn: string; sessionId: string; prompt: string },
): Promise<SmokeReply & { unreachableServers: Set<string> }> {
  try {
    const answer = await callAgentCore('InvokeAgentRuntime', () =>
      client.send(
        new InvokeAgentRuntimeCommand({
          agentRuntimeArn: options.agentRuntimeArn,
          qualifier: 'DEFAULT',
          runtimeSessionId: options.sessionId,
          contentType: 'application/json',
          accept: 'application/json',
          payload: new TextEncoder().encode(JSON.stringify({ prompt: options.prompt })),
        }),
      ),
    );
    const body = JSON.parse((await answer.response?.transformToString()) ?? '{}') as RuntimeAnswer;
    const unreachable = Object.entries(body.mcp ?? {}).filter(([, state]) => state === 'failed');
    return {
      reply: typeof body.result === 'string' && body.result.trim() !== '' ? body.result : null,
      error: null,
      toolCalls: runtimeObservations(body.trace ?? []),
      unreachableServers: new Set(unreachable.map(([server]) => server)),
    };
  } catch (caught) {
    throwIfTransient(caught, 'InvokeAgentRuntime');
    const error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
    return { reply: null, error, toolCalls: [], unreachableServers: new Set() };
  }
}
