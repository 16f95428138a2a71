import { describe, expect, it } from 'vitest';
import {
  builtinCellOf,
  promptAsksForBuiltin,
  promptAsksForTool,
  promptNames,
} from '../../../../core/receipt/index.js';

describe('promptNames', () => {
  it('returns true for a whole-word mention, ignoring case, punctuation and -/_ spelling', () => {
    expect(promptNames('Ask the Researcher, then stop.', 'researcher')).toBe(true);
    expect(promptNames('Follow the house style skill.', 'house-style')).toBe(true);
    expect(promptNames('call aws___search_documentation now', 'aws___search_documentation')).toBe(true);
  });

  it('returns false for part of a word or an empty name', () => {
    expect(promptNames('Write a two-sentence explainer.', 'writer')).toBe(false);
    expect(promptNames('researchers agree', 'researcher')).toBe(false);
    expect(promptNames('anything', '')).toBe(false);
  });
});

describe('promptAsksForTool', () => {
  it('returns true for a named tool and for a built-in asked for by its word', () => {
    expect(promptAsksForTool('Use search_docs.', 'search_docs')).toBe(true);
    expect(promptAsksForTool('Run it in the sandbox.', 'executeCode')).toBe(true);
    expect(promptAsksForTool('Use the code interpreter.', 'shell')).toBe(true);
    expect(promptAsksForTool('Open the browser.', 'agentcore_browser')).toBe(true);
    expect(promptAsksForTool('Load the skill.', 'skills')).toBe(true);
  });

  it('returns false for the default smoke prompt, whatever the tool', () => {
    for (const tool of ['skills', 'executeCode', 'browser', 'search_docs', 'researcher']) {
      expect(promptAsksForTool('Say hello in one short sentence.', tool)).toBe(false);
    }
  });
});

describe('builtinCellOf', () => {
  it('returns the cell a built-in tool proves, undefined for others', () => {
    expect(
      ['skills', 'browser', 'fileOperations', 'file_operations', 'search_docs'].map(builtinCellOf),
    ).toEqual(['skills', 'browser', 'sandbox', 'sandbox', undefined]);
  });
});

describe('promptAsksForBuiltin', () => {
  it('returns true only for the capability the prompt asks for', () => {
    expect(promptAsksForBuiltin('Use the sandbox.', 'sandbox')).toBe(true);
    expect(promptAsksForBuiltin('Use the sandbox.', 'browser')).toBe(false);
  });
});
