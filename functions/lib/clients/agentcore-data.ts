import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore';
import type { ClientFactory } from '../clients.js';

/** The AgentCore data-plane client (invocations) for a region (the stack's own by default). */
export function agentCoreData(
  deps: { readonly client: ClientFactory },
  region?: string,
): BedrockAgentCoreClient {
  return deps.client(BedrockAgentCoreClient, 'agentcore', region);
}
