import { describe, expect, it } from 'vitest';
import {
  classifyCells,
  type SmokeObservations,
  type ToolCallObservation,
} from '../../../../core/receipt/index.js';

function makeObservations(overrides: Partial<SmokeObservations> = {}): SmokeObservations {
  return {
    decision: 'create',
    readyReached: true,
    reply: 'Hello! I can help with reviews.',
    error: null,
    expect: null,
    subagents: [],
    mcpServers: [],
    skills: false,
    browser: false,
    sandbox: false,
    unavailable: [],
    proofRequested: [],
    toolCalls: [],
    ...overrides,
  };
}

function makeCall(overrides: Partial<ToolCallObservation> = {}): ToolCallObservation {
  return {
    kind: 'subagent',
    target: 'reviewer',
    tool: 'reviewer',
    agent: 'lead',
    depth: 0,
    ok: true,
    detail: null,
    ...overrides,
  };
}

describe('classifyCells', () => {
  describe('when a single agent deployed and replied', () => {
    it('returns create and agent EXERCISED', () => {
      expect(classifyCells(makeObservations())).toEqual([
        {
          cell: 'create',
          state: 'EXERCISED',
          reason: 'The resource reached READY in this run (create).',
          evidence: 'status READY',
        },
        {
          cell: 'agent',
          state: 'EXERCISED',
          reason: 'The agent replied.',
          evidence: 'Hello! I can help with reviews.',
        },
      ]);
    });
  });

  describe('when the resource was updated, recreated or replaced', () => {
    it('returns the resource cell named for what happened', () => {
      for (const decision of ['update', 'recreate', 'replace'] as const) {
        expect(classifyCells(makeObservations({ decision }))[0]).toEqual({
          cell: decision,
          state: 'EXERCISED',
          reason: `The resource reached READY in this run (${decision}).`,
          evidence: 'status READY',
        });
      }
    });
  });

  describe('when the decision is skip', () => {
    it('returns no create cell', () => {
      expect(classifyCells(makeObservations({ decision: 'skip' })).map((cell) => cell.cell)).toEqual([
        'agent',
      ]);
    });
  });

  describe('when READY was not reached', () => {
    it('returns create FAIL', () => {
      expect(classifyCells(makeObservations({ readyReached: false }))[0]).toEqual({
        cell: 'create',
        state: 'FAIL',
        reason: 'The resource did not reach READY in this run.',
        evidence: null,
      });
    });
  });

  describe('when the reply fails the checks', () => {
    it('returns agent FAIL for an empty reply, an error, or an unmatched expect', () => {
      const agent = (overrides: Partial<SmokeObservations>) =>
        classifyCells(makeObservations(overrides)).find((cell) => cell.cell === 'agent');
      expect(agent({ reply: '  ' })).toEqual({
        cell: 'agent',
        state: 'FAIL',
        reason: 'The smoke test got an empty reply.',
        evidence: null,
      });
      expect(agent({ error: 'ThrottlingException' })).toEqual({
        cell: 'agent',
        state: 'FAIL',
        reason: 'The smoke test returned an error.',
        evidence: 'ThrottlingException',
      });
      expect(agent({ expect: '^Bye' })?.state).toBe('FAIL');
      expect(agent({ expect: '[Hh]elp' })).toEqual({
        cell: 'agent',
        state: 'EXERCISED',
        reason: 'The reply matches /[Hh]elp/u.',
        evidence: 'Hello! I can help with reviews.',
      });
    });
  });

  describe('when a team ran with a nested trace', () => {
    it('returns subagents in declared order, EXERCISED when called at any depth, else WIRED', () => {
      const cells = classifyCells(
        makeObservations({
          subagents: ['reviewer', 'tester', 'writer'],
          toolCalls: [
            makeCall({ target: 'tester', tool: 'tester', agent: 'reviewer', depth: 1 }),
            makeCall(),
          ],
        }),
      );
      expect(cells.slice(2)).toEqual([
        {
          cell: 'subagent:reviewer',
          state: 'EXERCISED',
          reason: 'Called during the smoke test.',
          evidence: 'lead → reviewer (depth 0, ok)',
        },
        {
          cell: 'subagent:tester',
          state: 'EXERCISED',
          reason: 'Called during the smoke test.',
          evidence: 'reviewer → tester (depth 1, ok)',
        },
        {
          cell: 'subagent:writer',
          state: 'WIRED',
          reason: 'Configured and deployed; the trace shows no call into it.',
          evidence: null,
        },
      ]);
    });
  });

  describe('when the trace shows a call into a subagent missing from the configured list', () => {
    it('returns a cell for it too, quoting agent, depth, status and result', () => {
      const cells = classifyCells(
        makeObservations({
          subagents: ['reviewer'],
          toolCalls: [
            makeCall({ detail: 'Looks good.' }),
            makeCall({
              target: 'linter',
              tool: 'linter',
              agent: 'reviewer',
              depth: 2,
              detail: 'No lint\n  findings in   add.py',
            }),
          ],
        }),
      );
      expect(cells.slice(2)).toEqual([
        {
          cell: 'subagent:reviewer',
          state: 'EXERCISED',
          reason: 'Called during the smoke test.',
          evidence: 'lead → reviewer (depth 0, ok): Looks good.',
        },
        {
          cell: 'subagent:linter',
          state: 'EXERCISED',
          reason: 'Called during the smoke test.',
          evidence: 'reviewer → linter (depth 2, ok): No lint findings in add.py',
        },
      ]);
    });
  });

  describe('when every call into a subagent errored', () => {
    it('returns FAIL quoting the error, never EXERCISED', () => {
      const cells = classifyCells(
        makeObservations({
          subagents: ['reviewer'],
          toolCalls: [makeCall({ ok: false, detail: 'model timed out' })],
        }),
      );
      expect(cells[2]).toEqual({
        cell: 'subagent:reviewer',
        state: 'FAIL',
        reason: 'Every call to it failed.',
        evidence: 'lead → reviewer (depth 0, error): model timed out',
      });
    });
  });

  describe('when MCP servers are configured', () => {
    it('returns EXERCISED, FAIL, WIRED (not called / not reachable) and NOT-PROVEN as the evidence says', () => {
      const cells = classifyCells(
        makeObservations({
          mcpServers: [
            { name: 'docs', reachability: 'reachable' },
            { name: 'broken', reachability: 'reachable' },
            { name: 'idle', reachability: 'reachable' },
            { name: 'asked', reachability: 'reachable' },
            { name: 'remote', reachability: 'outside-local-cloud' },
            { name: 'down', reachability: 'connect-failed' },
            { name: 'down-asked', reachability: 'connect-failed' },
          ],
          proofRequested: ['mcp:asked', 'mcp:remote', 'mcp:down-asked'],
          toolCalls: [
            makeCall({ kind: 'mcp', target: 'docs', tool: 'search_docs', depth: 1, agent: 'reviewer' }),
            makeCall({ kind: 'mcp', target: 'broken', tool: 'fetch', ok: false }),
          ],
        }),
      );
      expect(cells.slice(2).map((cell) => [cell.cell, cell.state, cell.reason])).toEqual([
        ['mcp:asked', 'NOT-PROVEN', 'The smoke prompt asked for it, but not called.'],
        ['mcp:broken', 'FAIL', 'Every call to it failed.'],
        ['mcp:docs', 'EXERCISED', 'Called during the smoke test.'],
        ['mcp:down', 'WIRED', 'Configured and deployed; the agent could not connect to it.'],
        [
          'mcp:down-asked',
          'NOT-PROVEN',
          'The smoke prompt asked for it, but the agent could not connect to it.',
        ],
        ['mcp:idle', 'WIRED', 'Configured and deployed; not called.'],
        ['mcp:remote', 'WIRED', 'The smoke prompt asked for it, but not reachable from the local cloud.'],
      ]);
    });
  });

  describe('when skills and built-ins are configured', () => {
    it('returns skills, browser and sandbox cells in that order', () => {
      const cells = classifyCells(
        makeObservations({
          skills: true,
          browser: true,
          sandbox: true,
          toolCalls: [
            makeCall({ kind: 'skills', target: 'skills', tool: 'skills' }),
            makeCall({ kind: 'sandbox', target: 'code_interpreter', tool: 'code_interpreter', ok: false }),
          ],
        }),
      );
      expect(cells.slice(2).map((cell) => [cell.cell, cell.state])).toEqual([
        ['skills', 'EXERCISED'],
        ['browser', 'WIRED'],
        ['sandbox', 'FAIL'],
      ]);
    });
  });

  describe('when the cloud provides no browser and no sandbox', () => {
    it('returns them WIRED, saying so and quoting a failed call, even when the prompt asked or a call was ok', () => {
      const cells = classifyCells(
        makeObservations({
          browser: true,
          sandbox: true,
          unavailable: ['browser', 'sandbox'],
          proofRequested: ['browser', 'sandbox'],
          toolCalls: [
            makeCall({ kind: 'browser', target: 'browser', tool: 'browser', detail: 'opened nothing' }),
            makeCall({
              kind: 'sandbox',
              target: 'executeCode',
              tool: 'executeCode',
              ok: false,
              detail:
                'Error: No AgentCore operation is served at PUT /code-interpreters/aws.codeinterpreter.v1/sessions/start',
            }),
          ],
        }),
      );
      expect(cells.slice(2)).toEqual([
        {
          cell: 'browser',
          state: 'WIRED',
          reason: 'Configured and deployed; not available on the local cloud, so no call could use it.',
          evidence: 'lead → browser (depth 0, ok): opened nothing',
        },
        {
          cell: 'sandbox',
          state: 'WIRED',
          reason: 'Configured and deployed; not available on the local cloud, so no call could use it.',
          evidence:
            'lead → executeCode (depth 0, error): Error: No AgentCore operation is served at PUT /code-interpreters/aws.codeinterpreter.v1/sessions/start',
        },
      ]);
    });
  });

  describe('when the cloud provides no sandbox and nothing called it', () => {
    it('returns it WIRED, saying so', () => {
      const cells = classifyCells(makeObservations({ sandbox: true, unavailable: ['browser', 'sandbox'] }));
      expect(cells[2]).toEqual({
        cell: 'sandbox',
        state: 'WIRED',
        reason: 'Configured and deployed; not available on the local cloud.',
        evidence: null,
      });
    });
  });

  describe('when the reply is long', () => {
    it('keeps a 120-character excerpt as evidence', () => {
      const evidence = classifyCells(makeObservations({ reply: 'x'.repeat(500) }))[1]?.evidence;
      expect(evidence).toBe(`${'x'.repeat(119)}…`);
    });
  });
});
