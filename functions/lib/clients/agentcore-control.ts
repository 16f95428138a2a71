import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import type { ClientFactory } from '../clients.js';

/** The AgentCore control-plane client for a region (the stack's own by default). */
export function agentCoreControl(
  deps: { readonly client: ClientFactory },
  region?: string,
): BedrockAgentCoreControlClient {
  return deps.client(BedrockAgentCoreControlClient, 'agentcorecontrol', region);
}
