import { describe, expect, it } from 'vitest';
import { requestedCells, type TeamAgent, teamSubagents } from '../../../../core/receipt/index.js';

function makeAgent(overrides: Partial<TeamAgent> & { name: string }): TeamAgent {
  return { subagents: [], mcp: [], ...overrides };
}

/** lead → triage → researcher (MCP `docs`, allowed tool `search_docs`); lead → writer. */
const team: TeamAgent[] = [
  makeAgent({ name: 'researcher', mcp: [{ server: 'docs', allowedTools: ['search_docs'] }] }),
  makeAgent({ name: 'lead', subagents: ['triage', 'writer'] }),
  makeAgent({ name: 'triage', subagents: ['researcher'] }),
  makeAgent({ name: 'writer' }),
];

describe('teamSubagents', () => {
  it('returns every subagent at every depth, breadth first in declared order', () => {
    expect(teamSubagents(team, 'lead')).toEqual(['triage', 'writer', 'researcher']);
  });

  it('returns none for a single agent', () => {
    expect(teamSubagents([makeAgent({ name: 'solo' })], 'solo')).toEqual([]);
  });
});

describe('requestedCells', () => {
  describe('when the prompt is the default one', () => {
    it('returns no cell', () => {
      expect(requestedCells('Say hello in one short sentence.', team, 'lead', ['house-style'])).toEqual([]);
    });
  });

  describe('when the prompt names a depth-2 subagent, an MCP tool, a skill and the sandbox', () => {
    it('returns their cells', () => {
      expect(
        requestedCells(
          'Ask the researcher to run search_docs in the sandbox, in the house style.',
          team,
          'lead',
          ['shared/house-style'],
        ),
      ).toEqual(['subagent:researcher', 'mcp:docs', 'sandbox', 'skills']);
    });
  });

  describe('when the prompt names an MCP server', () => {
    it('returns its cell', () => {
      expect(requestedCells('Look it up in docs.', team, 'lead', [])).toEqual(['mcp:docs']);
    });
  });
});
