// @ts-check
// The container's settings, read once from its environment.
import { fail } from './log.mjs';
import { team } from './roster.mjs';

/**
 * @typedef {object} Settings
 * @property {number} port
 * @property {string} host
 * @property {'bedrock' | 'openai'} provider
 * @property {string} baseUrl OpenAI-compatible endpoint (provider openai)
 * @property {string} apiKey
 * @property {string} modelId overrides every agent's model when set
 * @property {string} region model region
 */

/**
 * Reads PORT (8080), HOST (0.0.0.0), AGENTDROP_MODEL_PROVIDER (bedrock | openai), AGENTDROP_MODEL_BASE_URL
 * (required with openai), AGENTDROP_MODEL_API_KEY, AGENTDROP_MODEL_ID and AGENTDROP_MODEL_REGION (default: the
 * plan's region). Exits naming the variable that is wrong.
 * @param {NodeJS.ProcessEnv} env
 * @returns {Settings}
 */
export function readSettings(env) {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('PORT must be an integer port number.');
  const provider = env.AGENTDROP_MODEL_PROVIDER || 'bedrock';
  if (provider !== 'bedrock' && provider !== 'openai') {
    fail(`AGENTDROP_MODEL_PROVIDER must be bedrock or openai, not ${JSON.stringify(provider)}.`);
  }
  const baseUrl = env.AGENTDROP_MODEL_BASE_URL || '';
  if (provider === 'openai' && baseUrl === '') {
    fail('AGENTDROP_MODEL_BASE_URL is required when AGENTDROP_MODEL_PROVIDER is openai.');
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    provider,
    baseUrl,
    apiKey: env.AGENTDROP_MODEL_API_KEY || '',
    modelId: env.AGENTDROP_MODEL_ID || '',
    region: env.AGENTDROP_MODEL_REGION || team.region,
  };
}
