import { BedrockAgentCoreClient, InvokeAgentRuntimeCommand } from '@aws-sdk/client-bedrock-agentcore';
import type { LocalStack } from './local-stack.js';

/** Invokes a deployed runtime project's `live` endpoint in runtime session `session` and returns the reply text. */
export async function askLive(
  stack: LocalStack,
  project: string,
  session: string,
  prompt: string,
): Promise<string> {
  const state = (await stack.store.state.getState(project))!;
  const data = new BedrockAgentCoreClient(stack.cloud.clientConfig('agentcore'));
  try {
    const out = await data.send(
      new InvokeAgentRuntimeCommand({
        agentRuntimeArn: state.resource.arn!,
        qualifier: 'live',
        runtimeSessionId: session.padEnd(40, '0'),
        contentType: 'application/json',
        accept: 'application/json',
        payload: new TextEncoder().encode(JSON.stringify({ prompt })),
      }),
    );
    return (JSON.parse(await out.response!.transformToString()) as { result: string }).result;
  } finally {
    data.destroy();
  }
}
