import { CreateAgentRuntimeCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRuntime } from '../../../core/compile/index.js';
import { smokeRuntime } from '../../../functions/invoke/smoke-runtime.js';
import { type ScriptedModel, startScriptedModel } from '../../../local/model/index.js';
import { makeRuntimeTeam } from '../../fixtures/runtime-team.js';
import { type McpFixture, startMcpFixture } from '../../fixtures/start-mcp-fixture.js';
import { writeContext } from '../compile/generated-agent.js';
import {
  ArmDigest,
  type EmulatorFixture,
  Region,
  Registry,
  RoleArn,
  sessionId,
  startFixture,
} from '../local/agentcore/emulator-fixture.js';

const Token = 'smoke-runtime-token-3c9e';

/**
 * The smoke test reads the answer of the generated agent (core/compile/runtime-source.ts), run as a real
 * process by the AgentCore emulator against the scripted model: `trace` at every depth and `mcp`, one entry
 * per MCP client.
 */
/** A prompt naming every tool of the team: the scripted model calls only the tools a prompt asks for. */
const AskEverything = 'triage and researcher: find the retry policy with search_docs and the skills';

describe('smokeRuntime (generated agent on the AgentCore emulator)', () => {
  let model: ScriptedModel;
  let mcp: McpFixture;
  let f: EmulatorFixture;

  beforeAll(async () => {
    model = await startScriptedModel();
    mcp = await startMcpFixture(Token);
    const contexts: Record<string, string> = {};
    for (const [repository, url] of [
      ['agentdrop/reachable', mcp.url],
      ['agentdrop/unreachable', 'http://127.0.0.1:9/mcp'],
    ] as const) {
      const { plan, tree } = makeRuntimeTeam({ mcpUrl: url });
      contexts[repository] = writeContext(compileRuntime(plan, tree), `smoke-${repository.split('/')[1]}`);
    }
    f = await startFixture({
      modelEndpoint: model.endpoint,
      ecr: {
        findImage: (repository, digest) => {
          const contextDir = contexts[repository];
          return contextDir && digest === ArmDigest
            ? { digest, architecture: 'arm64', os: 'linux', contextDir }
            : undefined;
        },
      },
    });
  });

  afterAll(async () => {
    await f?.close();
    await Promise.all([model?.stop(), mcp?.stop()]);
  });

  /** Creates runtime `name` from the image of `agentdrop/<image>`. */
  async function deploy(name: string, image = name): Promise<string> {
    const { agentRuntimeArn } = await f.control.send(
      new CreateAgentRuntimeCommand({
        agentRuntimeName: name,
        roleArn: RoleArn,
        agentRuntimeArtifact: {
          containerConfiguration: { containerUri: `${Registry}/agentdrop/${image}@${ArmDigest}` },
        },
        environmentVariables: { AWS_REGION: Region, AGENTDROP_MCP_DOCS_AUTHORIZATION_VALUE: Token },
      }),
    );
    return agentRuntimeArn!;
  }

  describe('when the MCP server is reachable and called', () => {
    it('returns the reply, the nested trace and no unreachable server', async () => {
      const answer = await smokeRuntime(f.data, {
        agentRuntimeArn: await deploy('reachable'),
        qualifier: 'DEFAULT',
        sessionId: sessionId('reachable'),
        prompt: AskEverything,
      });
      const detail = expect.any(String);
      expect(answer).toEqual({
        reply: expect.stringContaining(`docs found for ${AskEverything}`),
        error: null,
        toolCalls: [
          { tool: 'triage', agent: 'lead', depth: 0, ok: true, kind: 'subagent', target: 'triage', detail },
          {
            tool: 'researcher',
            agent: 'triage',
            depth: 1,
            ok: true,
            kind: 'subagent',
            target: 'researcher',
            detail,
          },
          {
            tool: 'search_docs',
            agent: 'researcher',
            depth: 2,
            ok: true,
            kind: 'mcp',
            target: 'docs',
            detail: `docs found for ${AskEverything}`,
          },
          { tool: 'skills', agent: 'triage', depth: 1, ok: true, kind: 'skills', target: 'skills', detail },
        ],
        unreachableServers: new Set(),
      });
    });
  });

  describe('when AgentCore throttles the invocation', () => {
    it('rejects with AgentCoreThrottled, which the state machine retries, instead of failing the smoke test', async () => {
      const agentRuntimeArn = await deploy('throttled', 'reachable');
      f.emulator.faults.set('InvokeAgentRuntime', { kind: 'throttle' });
      await expect(
        smokeRuntime(f.data, {
          agentRuntimeArn,
          qualifier: 'DEFAULT',
          sessionId: sessionId('throttled'),
          prompt: 'hello',
        }),
      ).rejects.toMatchObject({ name: 'AgentCoreThrottled' });
    });
  });

  describe('when a caller takes the answer as it streams', () => {
    it('passes each delta on and returns the same reply and nested trace as the JSON answer', async () => {
      const agentRuntimeArn = await deploy('streamed', 'reachable');
      const options = { qualifier: 'DEFAULT', agentRuntimeArn, prompt: AskEverything };
      const whole = await smokeRuntime(f.data, { ...options, sessionId: sessionId('whole') });
      const deltas: string[] = [];
      const streamed = await smokeRuntime(f.data, { ...options, sessionId: sessionId('streamed') }, (text) =>
        deltas.push(text),
      );
      expect(deltas.length).toBeGreaterThan(1);
      expect([deltas.join(''), streamed]).toEqual([streamed.reply, whole]);
    });
  });

  describe('when the MCP server cannot be reached', () => {
    it('returns the reply and names the server as unreachable', async () => {
      const answer = await smokeRuntime(f.data, {
        agentRuntimeArn: await deploy('unreachable'),
        qualifier: 'DEFAULT',
        sessionId: sessionId('unreachable'),
        prompt: AskEverything,
      });
      const detail = expect.any(String);
      expect(answer).toEqual({
        reply: expect.stringContaining(`You said: ${AskEverything}`),
        error: null,
        toolCalls: [
          { tool: 'triage', agent: 'lead', depth: 0, ok: true, kind: 'subagent', target: 'triage', detail },
          {
            tool: 'researcher',
            agent: 'triage',
            depth: 1,
            ok: true,
            kind: 'subagent',
            target: 'researcher',
            detail,
          },
          { tool: 'skills', agent: 'triage', depth: 1, ok: true, kind: 'skills', target: 'skills', detail },
        ],
        unreachableServers: new Set(['docs']),
      });
    });
  });
});
