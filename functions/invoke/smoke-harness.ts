import { type BedrockAgentCoreClient, InvokeHarnessCommand } from '@aws-sdk/client-bedrock-agentcore';
import type { ToolCallObservation } from '../../core/receipt/index.js';
import { callAgentCore } from '../lib/agentcore/index.js';
import { rethrowServiceError } from './rethrow-service-error.js';
import { harnessToolKind } from './tool-observations.js';

/** Longest excerpt of a tool result kept as evidence. */
const MaxDetailCharacters = 500;

/** What one smoke invocation showed. */
export interface SmokeReply {
  readonly reply: string | null;
  readonly error: string | null;
  readonly toolCalls: ToolCallObservation[];
}

/**
 * Invokes a harness once and reads its event stream: the last assistant text is the reply; tool-use
 * blocks and their results (status and an excerpt) are the evidence (DESIGN §4.6). Stream errors become `error`, not throws — except
 * throttling and 5xx, which are rethrown for the SmokeTest state to retry.
 */
export async function smokeHarness(
  client: BedrockAgentCoreClient,
  options: { harnessArn: string; qualifier: string; sessionId: string; prompt: string; agent: string },
): Promise<SmokeReply> {
  const calls = new Map<string, { name: string; serverName?: string; ok: boolean; detail: string }>();
  /** Tool results of the message in progress by content block index, to attach their deltas to the call. */
  let results = new Map<number, string>();
  let reply: string | null = null;
  let text = '';
  let error: string | null = null;
  try {
    const { stream } = await callAgentCore('InvokeHarness', () =>
      client.send(
        new InvokeHarnessCommand({
          harnessArn: options.harnessArn,
          qualifier: options.qualifier,
          runtimeSessionId: options.sessionId,
          messages: [{ role: 'user', content: [{ text: options.prompt }] }],
        }),
      ),
    );
    for await (const event of stream ?? []) {
      if (event.messageStart) {
        text = '';
        results = new Map();
      }
      const start = event.contentBlockStart?.start;
      if (start?.toolUse?.toolUseId) {
        calls.set(start.toolUse.toolUseId, {
          name: start.toolUse.name ?? '',
          serverName: start.toolUse.serverName,
          ok: true,
          detail: '',
        });
      }
      if (start?.toolResult?.toolUseId) {
        results.set(event.contentBlockStart?.contentBlockIndex ?? -1, start.toolResult.toolUseId);
        const call = calls.get(start.toolResult.toolUseId);
        if (call && start.toolResult.status === 'error') call.ok = false;
      }
      const resultParts = event.contentBlockDelta?.delta?.toolResult;
      if (resultParts) {
        const call = calls.get(results.get(event.contentBlockDelta?.contentBlockIndex ?? -1) ?? '');
        if (call) {
          for (const part of resultParts) {
            call.detail += part.text ?? (part.json === undefined ? '' : JSON.stringify(part.json));
          }
        }
      }
      if (event.contentBlockDelta?.delta?.text) text += event.contentBlockDelta.delta.text;
      if (event.messageStop && text.trim() !== '') reply = text;
    }
  } catch (caught) {
    rethrowServiceError(caught, 'InvokeHarness');
    error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
  }
  const toolCalls = [...calls.values()].map((call) => ({
    ...harnessToolKind(call.name, call.serverName),
    tool: call.name,
    agent: options.agent,
    depth: 0,
    ok: call.ok,
    // An MCP server may echo the headers it was sent (a secret): its results are never quoted.
    detail: call.detail === '' || call.serverName ? null : call.detail.slice(0, MaxDetailCharacters),
  }));
  return { reply, error, toolCalls };
}
