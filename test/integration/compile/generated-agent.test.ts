import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRuntime } from '../../../core/compile/index.js';
import { type ScriptedModel, startScriptedModel } from '../../../local/model/index.js';
import { makeRuntimeTeam } from '../../fixtures/runtime-team.js';
import { type McpFixture, startMcpFixture } from '../../fixtures/start-mcp-fixture.js';
import { invoke, type RunningAgent, runAgentToExit, startAgent, writeContext } from './generated-agent.js';

const Canary = 'canary-secret-7f3a9c1e5b';
/** A prompt naming every tool of the team: the scripted model calls only the tools a prompt asks for. */
const AskEverything = 'triage and researcher: find the retry policy with search_docs and the skills';

describe('compileRuntime (generated agent run as a process)', () => {
  let model: ScriptedModel;
  let mcp: McpFixture;
  let agent: RunningAgent;
  let dir: string;

  beforeAll(async () => {
    model = await startScriptedModel();
    mcp = await startMcpFixture(Canary);
    const { plan, tree } = makeRuntimeTeam({ mcpUrl: mcp.url });
    dir = writeContext(compileRuntime(plan, tree), 'team');
    agent = await startAgent(dir, {
      AGENTDROP_MODEL_PROVIDER: 'openai',
      AGENTDROP_MODEL_BASE_URL: model.endpoint,
      AGENTDROP_MCP_DOCS_AUTHORIZATION_VALUE: Canary,
    });
  });
  afterAll(async () => {
    await agent?.stop();
    await mcp?.stop();
    await model?.stop();
  });

  describe('when /ping is called', () => {
    it('returns Healthy with an integer time', async () => {
      const res = await fetch(`${agent.url}/ping`);
      const body = (await res.json()) as { status: string; time_of_last_update: number };
      expect(res.status).toBe(200);
      expect(body).toEqual({ status: 'Healthy', time_of_last_update: expect.any(Number) });
      expect(Number.isInteger(body.time_of_last_update)).toBe(true);
    });
  });

  describe('when a 3-level team is invoked', () => {
    it('returns a result and a trace at every depth', async () => {
      const res = await invoke(agent.url, { prompt: AskEverything });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { result: string; trace: Record<string, unknown>[] };
      expect(body.result).toContain(`You said: ${AskEverything}`);
      expect(body.result).toContain(`docs found for ${AskEverything}`);
      const calls = body.trace.map(({ ms: _ms, detail: _detail, ...rest }) => rest);
      expect(calls).toEqual([
        { agent: 'lead', tool: 'triage', depth: 0, ok: true, kind: 'subagent' },
        { agent: 'triage', tool: 'researcher', depth: 1, ok: true, kind: 'subagent' },
        { agent: 'researcher', tool: 'search_docs', depth: 2, ok: true, kind: 'mcp', server: 'docs' },
        { agent: 'triage', tool: 'skills', depth: 1, ok: true, kind: 'skill', skill: 'triage-guide' },
      ]);
      for (const entry of body.trace) expect(Number.isInteger(entry.ms)).toBe(true);
      // Each entry quotes what the call returned.
      expect(body.trace[2]!.detail).toBe(`docs found for ${AskEverything}`);
      expect(body.trace.every((entry) => typeof entry.detail === 'string')).toBe(true);
      expect(mcp.calls).toEqual([`search_docs:${JSON.stringify({ query: AskEverything })}`]);
      expect((body as unknown as { mcp: unknown }).mcp).toEqual([
        { agent: 'researcher', server: 'docs', depth: 2, state: 'connected' },
      ]);
    });

    it('never offers a tool outside allowedTools to the model', () => {
      const offered = new Set(
        model.requests.flatMap((r) =>
          ((r as { tools?: { function: { name: string } }[] }).tools ?? []).map((t) => t.function.name),
        ),
      );
      expect([...offered].sort()).toEqual(['researcher', 'search_docs', 'skills', 'triage']);
      expect(offered.has('delete_docs')).toBe(false);
    });

    it('never logs the secret value', () => {
      expect(agent.output()).not.toContain(Canary);
    });
  });

  describe('when two turns of one session and a turn of another arrive together', () => {
    it('answers each with its own trace', async () => {
      const same = 'test-session-00000000000000000000000003';
      const other = 'test-session-00000000000000000000000004';
      const answers = await Promise.all([
        invoke(agent.url, { prompt: 'first, via triage' }, { sessionId: same }),
        invoke(agent.url, { prompt: 'second, via triage' }, { sessionId: same }),
        invoke(agent.url, { prompt: 'third, via triage' }, { sessionId: other }),
      ]);
      const bodies = (await Promise.all(answers.map((r) => r.json()))) as {
        result: string;
        trace: unknown[];
      }[];
      expect(bodies.map((b) => [b.result.split('\n').at(-1), b.trace.length])).toEqual([
        ['You said: first, via triage', 1],
        ['You said: second, via triage', 1],
        ['You said: third, via triage', 1],
      ]);
    });
  });

  describe('when the caller accepts text/event-stream', () => {
    it('streams deltas and ends with the result and trace', async () => {
      const res = await invoke(
        agent.url,
        { input: `stream please: ${AskEverything}` },
        { accept: 'text/event-stream', sessionId: 'test-session-00000000000000000000000002' },
      );
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const frames = (await res.text())
        .split('\n')
        .filter((l) => l.startsWith('data: '))
        .map(
          (l) =>
            JSON.parse(l.slice(6)) as { type: string; text?: string; result?: string; trace?: unknown[] },
        );
      const last = frames.at(-1)!;
      expect(last.type).toBe('result');
      expect(last.result).toContain('You said: stream please');
      expect(last.trace).toHaveLength(4);
      const streamed = frames
        .filter((f) => f.type === 'delta')
        .map((f) => f.text)
        .join('');
      expect(streamed).toBe(last.result);
    });
  });

  describe('when no runtime session id is sent', () => {
    it('returns 400, as the AgentCore contract requires one', async () => {
      const res = await fetch(`${agent.url}/invocations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'hi' }),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: expect.stringContaining('Missing sessionId') });
    });
  });

  describe('when the body has no prompt', () => {
    it('returns 400', async () => {
      const res = await invoke(agent.url, { nothing: true });
      expect(res.status).toBe(400);
    });
  });

  describe('when an MCP server is unreachable', () => {
    it('still answers and reports the server as failed', async () => {
      const { plan, tree } = makeRuntimeTeam({ mcpUrl: 'http://127.0.0.1:9/mcp' });
      const unreachable = await startAgent(writeContext(compileRuntime(plan, tree), 'team-unreachable'), {
        AGENTDROP_MODEL_PROVIDER: 'openai',
        AGENTDROP_MODEL_BASE_URL: model.endpoint,
        AGENTDROP_MCP_DOCS_AUTHORIZATION_VALUE: Canary,
      });
      try {
        const res = await invoke(unreachable.url, { text: `anyone there? ${AskEverything}` });
        const body = (await res.json()) as { result: string; trace: { tool: string }[]; mcp: unknown };
        expect(body.result).toContain(`You said: anyone there? ${AskEverything}`);
        expect(body.trace.map((e) => e.tool)).toEqual(['triage', 'researcher', 'skills']);
        expect(body.mcp).toEqual([{ agent: 'researcher', server: 'docs', depth: 2, state: 'failed' }]);
      } finally {
        await unreachable.stop();
      }
    });
  });

  describe('when the secret is missing', () => {
    it('fails start-up naming the variable', async () => {
      const { code, output } = await runAgentToExit(dir, {
        AGENTDROP_MODEL_PROVIDER: 'openai',
        AGENTDROP_MODEL_BASE_URL: model.endpoint,
      });
      expect(code).toBe(1);
      expect(output).toContain(
        "agentdrop: missing secret DOCS_TOKEN for MCP server 'docs' header 'Authorization': set AGENTDROP_MCP_DOCS_AUTHORIZATION",
      );
    });
  });
});
