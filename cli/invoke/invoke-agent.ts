import type { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore';
import type { ToolCallObservation } from '../../core/receipt/index.js';
import { smokeHarness } from '../../functions/invoke/smoke-harness.js';
import { smokeRuntime } from '../../functions/invoke/smoke-runtime.js';

/** What {@link invokeAgent} sends, and to which endpoint. */
export interface InvokeOptions {
  readonly mode: 'harness' | 'runtime';
  /** The harness or runtime ARN from STATE. */
  readonly resourceArn: string;
  /** The endpoint: `live` or `DEFAULT`. */
  readonly qualifier: string;
  readonly sessionId: string;
  readonly prompt: string;
  /** The harness's agent (the plan's entry), named in its trace. */
  readonly agent: string;
}

/** The answer and what the agents did for it, at every depth. */
export interface InvokeAnswer {
  readonly reply: string | null;
  readonly error: string | null;
  readonly trace: readonly ToolCallObservation[];
}

/**
 * Sends one prompt to a deployed harness (InvokeHarness, an event stream) or runtime (InvokeAgentRuntime,
 * server-sent events) with the smoke test's own readers, so the trace is what a receipt's cells are built
 * from; each text delta goes to `onText` as it arrives.
 * @throws AgentCoreThrottled, AgentCoreUnavailable or AccessDenied when the service refuses the call.
 */
export async function invokeAgent(
  client: BedrockAgentCoreClient,
  options: InvokeOptions,
  onText: (text: string) => void,
): Promise<InvokeAnswer> {
  const common = { qualifier: options.qualifier, sessionId: options.sessionId, prompt: options.prompt };
  const answer =
    options.mode === 'harness'
      ? await smokeHarness(
          client,
          { ...common, harnessArn: options.resourceArn, agent: options.agent },
          onText,
        )
      : await smokeRuntime(client, { ...common, agentRuntimeArn: options.resourceArn }, onText);
  return { reply: answer.reply, error: answer.error, trace: answer.toolCalls };
}
