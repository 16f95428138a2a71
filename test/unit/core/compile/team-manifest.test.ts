import { describe, expect, it } from 'vitest';
import { buildTeamManifest } from '../../../../core/compile/index.js';
import { makeAgentPlan, makeMcpPlan, makePlan, makeSecretBinding } from '../../../fixtures/plan-builder.js';

// A spec §7 header template, written the way a drop writes it (not a JavaScript placeholder).
const DocsHeader = 'Bearer ${DOCS_TOKEN}';

describe('buildTeamManifest', () => {
  describe('when an agent has a templated header, a filter and sandbox built-ins', () => {
    it('returns the roster with the header bound to its variable', () => {
      const plan = makePlan({
        agents: [
          makeAgentPlan({
            name: 'lead',
            mcp: [
              makeMcpPlan({
                headers: { Authorization: DocsHeader, 'X-Team': 'blue' },
                allowedTools: ['search'],
              }),
            ],
            builtinTools: ['bash', 'read'],
            builtinToolTypes: ['agentcore_code_interpreter'],
          }),
        ],
        secretNames: ['DOCS_TOKEN'],
        secretBindings: [makeSecretBinding()],
      });
      expect(buildTeamManifest(plan)).toEqual({
        formatVersion: 1,
        compilerVersion: '0.1.0',
        project: 'demo',
        region: 'us-west-2',
        entry: 'lead',
        specHash: plan.specHash,
        agents: {
          lead: {
            description: 'The lead agent',
            model: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
            instruction: 'You are lead.',
            mcp: [
              {
                server: 'docs',
                url: 'https://docs.example.com/mcp',
                headers: { Authorization: DocsHeader, 'X-Team': 'blue' },
                secretHeaders: {
                  Authorization: { name: 'DOCS_TOKEN', envVar: 'AGENTDROP_MCP_DOCS_AUTHORIZATION' },
                },
                allowedTools: ['search'],
              },
            ],
            skills: [],
            subagents: [],
            codeInterpreter: true,
          },
        },
        skills: [],
        secrets: [
          {
            envVar: 'AGENTDROP_MCP_DOCS_AUTHORIZATION',
            name: 'DOCS_TOKEN',
            server: 'docs',
            header: 'Authorization',
          },
        ],
      });
    });
  });

  describe('when a templated header has no binding', () => {
    it('rejects with PlanTreeMismatch', () => {
      const plan = makePlan({
        agents: [makeAgentPlan({ mcp: [makeMcpPlan({ headers: { Authorization: DocsHeader } })] })],
      });
      expect(() => buildTeamManifest(plan)).toThrowError(
        expect.objectContaining({ name: 'PlanTreeMismatch' }),
      );
    });
  });

  describe('when a subagent is not in the plan', () => {
    it('rejects with PlanTreeMismatch', () => {
      const plan = makePlan({ agents: [makeAgentPlan({ subagents: ['ghost'] })] });
      expect(() => buildTeamManifest(plan)).toThrowError(
        expect.objectContaining({ name: 'PlanTreeMismatch' }),
      );
    });
  });
});
