import { type BedrockAgentCoreClient, InvokeHarnessCommand } from '@aws-sdk/client-bedrock-agentcore';
import type { ToolCallObservation } from '../../core/receipt/index.js';
import { callAgentCore } from '../lib/agentcore/index.js';
import { PipelineError } from '../lib/errors.js';
import { harnessToolKind } from './tool-observations.js';

/** What one smoke invocation showed. */
export interface SmokeReply {
  readonly reply: string | null;
  readonly error: string | null;
  readonly toolCalls: ToolCallObservation[];
}

/**
 * Invokes a harness once and reads its event stream: the last assistant text is the reply; tool-use
 * blocks and their results are the evidence (DESIGN §4.6). Stream errors become `error`, not throws.
 * @throws AgentCoreThrottled, AgentCoreUnavailable or AccessDenied when the invocation itself is refused.
 */
export async function smokeHarness(
  client: BedrockAgentCoreClient,
  options: { harnessArn: string; sessionId: string; prompt: string; agent: string },
): Promise<SmokeReply> {
  const calls = new Map<string, { name: string; serverName?: string; ok: boolean }>();
  let reply: string | null = null;
  let text = '';
  let error: string | null = null;
  try {
    const { stream } = await callAgentCore('InvokeHarness', () =>
      client.send(
        new InvokeHarnessCommand({
          harnessArn: options.harnessArn,
          runtimeSessionId: options.sessionId,
          messages: [{ role: 'user', content: [{ text: options.prompt }] }],
        }),
      ),
    );
    for await (const event of stream ?? []) {
      if (event.messageStart) text = '';
      const start = event.contentBlockStart?.start;
      if (start?.toolUse?.toolUseId) {
        calls.set(start.toolUse.toolUseId, {
          name: start.toolUse.name ?? '',
          serverName: start.toolUse.serverName,
          ok: true,
        });
      }
      if (start?.toolResult?.toolUseId && start.toolResult.status === 'error') {
        const call = calls.get(start.toolResult.toolUseId);
        if (call) call.ok = false;
      }
      if (event.contentBlockDelta?.delta?.text) text += event.contentBlockDelta.delta.text;
      if (event.messageStop && text.trim() !== '') reply = text;
    }
  } catch (caught) {
    // Throttling, 5xx and denials are the pipeline's named errors: the state machine retries or reports them.
    if (caught instanceof PipelineError) throw caught;
    error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
  }
  const toolCalls = [...calls.values()].map((call) => ({
    ...harnessToolKind(call.name, call.serverName),
    tool: call.name,
    agent: options.agent,
    depth: 0,
    ok: call.ok,
  }));
  return { reply, error, toolCalls };
}
