/**
 * Exact versions of the packages the generated `agent.mjs` imports, equal to agentdrop's own (a unit test
 * compares them with agentdrop's package.json, so the image runs what the tests ran). Peers that npm
 * would otherwise float (`@modelcontextprotocol/sdk`, `zod`, `@opentelemetry/api`) are pinned too.
 */
export const RuntimeDependencies: Readonly<Record<string, string>> = {
  '@aws-sdk/client-secrets-manager': '3.1164.0',
  '@modelcontextprotocol/sdk': '1.32.2',
  '@opentelemetry/api': '1.9.1',
  '@strands-agents/sdk': '1.19.0',
  'bedrock-agentcore': '0.4.4',
  openai: '6.49.0',
  yaml: '2.9.1',
  zod: '4.6.7',
};
