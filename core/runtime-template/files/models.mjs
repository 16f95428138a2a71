// @ts-check
// The model provider: Bedrock by default, or an OpenAI-compatible endpoint (the local cloud's scripted model).

/** @typedef {import('./settings.mjs').Settings} Settings */
/** @typedef {(modelId: string) => import('@strands-agents/sdk').Model} NewModel */

/**
 * Returns the factory that gives each agent its model; AGENTDROP_MODEL_ID overrides every agent's id.
 * @param {Settings} settings
 * @param {typeof import('@strands-agents/sdk')} strands
 * @returns {Promise<NewModel>}
 */
export async function modelFactory(settings, strands) {
  if (settings.provider === 'openai') {
    const { OpenAIModel } = await import('@strands-agents/sdk/models/openai');
    return (modelId) =>
      new OpenAIModel({
        api: 'chat',
        modelId: settings.modelId || modelId,
        apiKey: settings.apiKey || 'agentdrop-unused',
        clientConfig: { baseURL: settings.baseUrl },
      });
  }
  return (modelId) =>
    new strands.BedrockModel({ modelId: settings.modelId || modelId, region: settings.region });
}
