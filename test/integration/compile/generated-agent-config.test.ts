import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRuntime } from '../../../core/compile/index.js';
import { makeAgentPlan, makePlan } from '../../fixtures/plan-builder.js';
import { invoke, runAgentToExit, startAgent, writeContext } from './generated-agent.js';

describe('compileRuntime (generated agent configuration)', () => {
  let dir: string;

  beforeAll(() => {
    const plan = makePlan({ project: 'solo', agents: [makeAgentPlan({ name: 'solo' })] });
    dir = writeContext(compileRuntime(plan, { files: new Map() }), 'solo');
  });
  afterAll(() => undefined);

  describe('when the provider is openai without a base URL', () => {
    it('fails start-up naming the variable', async () => {
      const { code, output } = await runAgentToExit(dir, { AGENTDROP_MODEL_PROVIDER: 'openai' });
      expect([code, output.trim()]).toEqual([
        1,
        'agentdrop: AGENTDROP_MODEL_BASE_URL is required when AGENTDROP_MODEL_PROVIDER is openai.',
      ]);
    });
  });

  describe('when the provider is unknown', () => {
    it('fails start-up naming the accepted values', async () => {
      const { code, output } = await runAgentToExit(dir, { AGENTDROP_MODEL_PROVIDER: 'llama' });
      expect([code, output.trim()]).toEqual([
        1,
        'agentdrop: AGENTDROP_MODEL_PROVIDER must be bedrock or openai, not "llama".',
      ]);
    });
  });

  describe('when Bedrock (the default provider) cannot be reached', () => {
    it('answers /ping, returns a 500 error for the turn and keeps serving', async () => {
      const agent = await startAgent(dir, {
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'http://127.0.0.1:9',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_MAX_ATTEMPTS: '1',
      });
      try {
        expect((await fetch(`${agent.url}/ping`)).status).toBe(200);
        const res = await invoke(agent.url, { prompt: 'hi' });
        expect(res.status).toBe(500);
        expect(await res.json()).toEqual({ error: expect.any(String) });
        expect((await fetch(`${agent.url}/ping`)).status).toBe(200);
      } finally {
        await agent.stop();
      }
    });
  });
});
