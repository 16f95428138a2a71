import { describe, expect, it } from 'vitest';
import { decideReply } from '../../../../local/model/index.js';

const tool = (name: string, parameters: unknown): unknown => ({
  type: 'function',
  function: { name, parameters },
});

describe('decideReply', () => {
  describe('when no tools are offered', () => {
    it('returns a greeting echoing the last user text', () => {
      expect(decideReply({ messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] })).toEqual({
        kind: 'text',
        text: 'Hello! You said: hi',
      });
    });
  });

  describe('when tools are offered and the prompt names none of them', () => {
    it('returns text without calling any', () => {
      const reply = decideReply({
        messages: [{ role: 'user', content: 'Say hello in one short sentence.' }],
        tools: [
          tool('lookup', { type: 'object' }),
          tool('skills', { type: 'object' }),
          tool('executeCode', { type: 'object' }),
        ],
      });
      expect(reply).toEqual({ kind: 'text', text: 'Hello! You said: Say hello in one short sentence.' });
    });
  });

  describe('when tools are offered and the prompt names one', () => {
    it('returns a call of the first named tool with arguments derived from its schema', () => {
      const reply = decideReply({
        messages: [{ role: 'user', content: 'lookup Paris' }],
        tools: [
          tool('lookup', {
            type: 'object',
            properties: {
              city: { type: 'string' },
              days: { type: 'integer' },
              metric: { type: 'boolean' },
              unit: { type: 'string', enum: ['c', 'f'] },
              tags: { type: 'array', items: { type: 'string' } },
              note: { type: 'string' },
            },
            required: ['city', 'days', 'metric', 'unit', 'tags'],
          }),
          tool('other', { type: 'object' }),
        ],
      });
      expect(reply).toEqual({
        kind: 'tool',
        name: 'lookup',
        arguments: { city: 'lookup Paris', days: 1, metric: true, unit: 'c', tags: ['lookup Paris'] },
      });
    });
  });

  describe('when the prompt asks for a built-in by its word', () => {
    it('returns a call of the sandbox tools, not of the others', () => {
      const reply = decideReply({
        messages: [{ role: 'user', content: 'Check it in the sandbox.' }],
        tools: [tool('lookup', { type: 'object' }), tool('executeCode', { type: 'object' })],
      });
      expect(reply).toEqual({ kind: 'tool', name: 'executeCode', arguments: {} });
    });
  });

  describe('when the prompt asks for skills by name', () => {
    it('returns the named skill as skill_name', () => {
      const reply = decideReply({
        messages: [
          {
            role: 'system',
            content:
              '<available_skills>\n<skill><name>cite-sources</name></skill>\n<skill><name>house-style</name></skill>\n</available_skills>',
          },
          { role: 'user', content: 'write it in house style' },
        ],
        tools: [
          tool('skills', {
            type: 'object',
            properties: { skill_name: { type: 'string' } },
            required: ['skill_name'],
          }),
        ],
      });
      expect(reply).toEqual({ kind: 'tool', name: 'skills', arguments: { skill_name: 'house-style' } });
    });
  });

  describe('when the prompt asks for skills without naming one', () => {
    it('returns the first skill listed in the system prompt as skill_name', () => {
      const reply = decideReply({
        messages: [
          {
            role: 'system',
            content:
              'Be brief.\n<available_skills>\n<skill>\n<name>house-style</name>\n</skill>\n</available_skills>',
          },
          { role: 'user', content: 'write, using your skills' },
        ],
        tools: [
          tool('skills', {
            type: 'object',
            properties: { skill_name: { type: 'string' } },
            required: ['skill_name'],
          }),
        ],
      });
      expect(reply).toEqual({ kind: 'tool', name: 'skills', arguments: { skill_name: 'house-style' } });
    });
  });

  describe('when every offered tool has a result in this turn', () => {
    it('returns text quoting each result and the prompt', () => {
      const reply = decideReply({
        messages: [
          { role: 'user', content: 'old' },
          { role: 'assistant', content: 'old answer' },
          { role: 'user', content: 'Paris: a and b' },
          {
            role: 'assistant',
            content: '',
            tool_calls: [{ id: 'c1', type: 'function', function: { name: 'a', arguments: '{}' } }],
          },
          { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
          {
            role: 'assistant',
            content: '',
            tool_calls: [{ id: 'c2', type: 'function', function: { name: 'b', arguments: '{}' } }],
          },
          { role: 'tool', tool_call_id: 'c2', content: 'noon' },
        ],
        tools: [tool('a', {}), tool('b', {})],
      });
      expect(reply).toEqual({
        kind: 'text',
        text: 'Tool results:\n[a] sunny\n[b] noon\nYou said: Paris: a and b',
      });
    });
  });
});
