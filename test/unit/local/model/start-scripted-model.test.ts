import { Agent, tool } from '@strands-agents/sdk';
import { OpenAIModel } from '@strands-agents/sdk/models/openai';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ScriptedModel, startScriptedModel } from '../../../../local/model/index.js';

describe('startScriptedModel', () => {
  let model: ScriptedModel;
  beforeEach(async () => {
    model = await startScriptedModel();
  });
  afterEach(async () => {
    await model.stop();
  });

  describe('when called without tools and without streaming', () => {
    it('returns a greeting echoing the prompt', async () => {
      const client = new OpenAI({ baseURL: model.endpoint, apiKey: 'test' });
      const res = await client.chat.completions.create({
        model: 'scripted',
        messages: [{ role: 'user', content: 'hi there' }],
      });
      expect(res.choices[0]?.message).toEqual({ role: 'assistant', content: 'Hello! You said: hi there' });
      expect(model.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      expect(model.requests).toHaveLength(1);
    });
  });

  describe('when a Strands agent offers tools over streaming chat completions', () => {
    it('calls each tool the prompt names once, in offered order, then answers quoting the results', async () => {
      const calls: string[] = [];
      const weather = tool({
        name: 'get_weather',
        description: 'Weather for a city',
        inputSchema: z.object({ city: z.string(), days: z.number() }),
        callback: (input) => {
          calls.push(`weather:${input.city}:${input.days}`);
          return `sunny in ${input.city}`;
        },
      });
      const time = tool({
        name: 'get_time',
        description: 'Current time',
        inputSchema: z.object({ utc: z.boolean() }),
        callback: (input) => {
          calls.push(`time:${input.utc}`);
          return 'noon';
        },
      });
      const agent = new Agent({
        model: new OpenAIModel({
          api: 'chat',
          modelId: 'scripted',
          apiKey: 'test',
          clientConfig: { baseURL: model.endpoint },
        }),
        tools: [weather, time],
        printer: false,
      });
      const prompt = 'get_time and get_weather in Paris';
      const result = await agent.invoke(prompt);
      expect(calls).toEqual([`weather:${prompt}:1`, 'time:true']);
      expect(String(result)).toBe(
        `Tool results:\n[get_weather] sunny in ${prompt}\n[get_time] noon\nYou said: ${prompt}`,
      );
      expect(model.requests).toHaveLength(3);
      const offered = (model.requests[0] as { tools: { function: { name: string } }[] }).tools.map(
        (t) => t.function.name,
      );
      expect(offered).toEqual(['get_weather', 'get_time']);
    });
  });

  describe('when a Strands agent uses the Responses API (the OpenAI provider default)', () => {
    it('calls the tool, then answers quoting its result', async () => {
      const echo = tool({
        name: 'echo',
        description: 'Echo the text',
        inputSchema: z.object({ text: z.string() }),
        callback: (input) => `echo:${input.text}`,
      });
      const agent = new Agent({
        model: new OpenAIModel({
          modelId: 'scripted',
          apiKey: 'test',
          clientConfig: { baseURL: model.endpoint },
        }),
        systemPrompt: 'Be brief.',
        tools: [echo],
        printer: false,
      });
      const result = await agent.invoke('echo ping');
      expect(String(result)).toBe('Tool results:\n[echo] echo:echo ping\nYou said: echo ping');
      expect(model.requests[0]).toMatchObject({ instructions: 'Be brief.', stream: true });
    });

    it('answers a non-streaming request with a response object', async () => {
      const client = new OpenAI({ baseURL: model.endpoint, apiKey: 'test' });
      const res = await client.responses.create({ model: 'scripted', input: 'hi' });
      expect(res.output_text).toBe('Hello! You said: hi');
    });
  });

  describe('when an unknown route is called', () => {
    it('returns 404 with an OpenAI error', async () => {
      const res = await fetch(`${model.endpoint}/constructor`, { method: 'POST', body: '{}' });
      expect([res.status, ((await res.json()) as { error: { type: string } }).error.type]).toEqual([
        404,
        'invalid_request_error',
      ]);
    });
  });

  describe('when asked to listen on a non-loopback address', () => {
    it('rejects', async () => {
      await expect(startScriptedModel({ host: '0.0.0.0' })).rejects.toThrow(/loopback only/);
    });
  });
});
