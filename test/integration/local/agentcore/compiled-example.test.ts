import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeAgentRuntimeCommand } from '@aws-sdk/client-bedrock-agentcore';
import { CreateAgentRuntimeCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDirectoryBundle } from '../../../../core/bundle/index.js';
import { compileRuntime } from '../../../../core/compile/index.js';
import { planDeploy } from '../../../../core/plan/index.js';
import { type ScriptedModel, startScriptedModel } from '../../../../local/model/index.js';
import { type McpFixture, startMcpFixture } from '../../../fixtures/start-mcp-fixture.js';
import { writeContext } from '../../compile/generated-agent.js';
import {
  ArmDigest,
  type EmulatorFixture,
  Region,
  Registry,
  RoleArn,
  sessionId,
  startFixture,
} from './emulator-fixture.js';

const McpFile = '.managed-agents/researcher/mcp.json';

describe('startAgentCoreEmulator — InvokeAgentRuntime on the compiled examples/team', () => {
  let f: EmulatorFixture;
  let model: ScriptedModel;
  let mcp: McpFixture;
  let dataDir: string;

  beforeAll(async () => {
    model = await startScriptedModel();
    mcp = await startMcpFixture(null, ['aws___search_documentation']);
    const bundle = await readDirectoryBundle(join(import.meta.dirname, '../../../../examples/team'));
    if (!bundle.ok) throw new Error('examples/team does not read');
    // A copy of the example with its public MCP server pointed at a loopback one (DESIGN §7).
    const files = new Map(bundle.tree.files);
    const mcpJson = JSON.parse(new TextDecoder().decode(files.get(McpFile))) as {
      mcpServers: Record<string, { url: string }>;
    };
    mcpJson.mcpServers['aws-docs']!.url = mcp.url;
    files.set(McpFile, new TextEncoder().encode(JSON.stringify(mcpJson)));
    const contextDir = writeContext(
      compileRuntime(planDeploy({ files }, { project: 'team' }), { files }),
      'agentcore-team',
    );
    dataDir = mkdtempSync(join(tmpdir(), 'agentcore-team-'));
    f = await startFixture({
      dataDir,
      modelEndpoint: model.endpoint,
      ecr: {
        findImage: (repository, digest) =>
          repository === 'agentdrop/team' && digest === ArmDigest
            ? { digest, architecture: 'arm64', os: 'linux', contextDir }
            : undefined,
      },
    });
  });

  afterAll(async () => {
    await f?.close();
    await Promise.all([model?.stop(), mcp?.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  let runtimeArn: string;

  it('answers through the generated agent with a trace of delegation, MCP use and failed sandbox calls', async () => {
    const prompt = 'Ask the researcher and the writer, with aws___search_documentation and the sandbox.';
    const runtime = await f.control.send(
      new CreateAgentRuntimeCommand({
        agentRuntimeName: 'team',
        roleArn: RoleArn,
        agentRuntimeArtifact: {
          containerConfiguration: { containerUri: `${Registry}/agentdrop/team@${ArmDigest}` },
        },
        environmentVariables: { AWS_MAX_ATTEMPTS: '1', AWS_REGION: Region },
      }),
    );
    const out = await f.data.send(
      new InvokeAgentRuntimeCommand({
        agentRuntimeArn: runtime.agentRuntimeArn,
        runtimeSessionId: sessionId('team'),
        contentType: 'application/json',
        accept: 'application/json',
        payload: new TextEncoder().encode(JSON.stringify({ prompt })),
      }),
    );
    const body = JSON.parse(await out.response!.transformToString()) as {
      result: string;
      trace: { agent: string; tool: string; kind: string; server?: string; ok: boolean; detail?: string }[];
    };
    expect(body.result).toContain(`You said: ${prompt}`);
    const calls = body.trace.map((e) => `${e.agent}→${e.tool} ${e.kind}${e.server ? `:${e.server}` : ''}`);
    expect(calls).toEqual(
      expect.arrayContaining([
        'editor→researcher subagent',
        'editor→writer subagent',
        'researcher→aws___search_documentation mcp:aws-docs',
      ]),
    );
    expect(mcp.calls.length).toBeGreaterThan(0);
    // The emulator serves no Code Interpreter: the call fails, and the trace says so with the service's answer.
    const sandbox = body.trace.find((e) => e.tool === 'executeCode');
    expect(sandbox).toMatchObject({ agent: 'researcher', kind: 'builtin', ok: false });
    expect(sandbox?.detail).toContain('No AgentCore operation is served');
    runtimeArn = runtime.agentRuntimeArn!;
  });

  it('streams server-sent events through when the caller accepts text/event-stream', async () => {
    const out = await f.data.send(
      new InvokeAgentRuntimeCommand({
        agentRuntimeArn: runtimeArn,
        runtimeSessionId: sessionId('team-sse'),
        contentType: 'application/json',
        accept: 'text/event-stream',
        payload: new TextEncoder().encode(JSON.stringify({ prompt: 'stream please' })),
      }),
    );
    expect(out.contentType).toContain('text/event-stream');
    const frames = (await out.response!.transformToString())
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as { type: string; text?: string; result?: string });
    const last = frames.at(-1)!;
    expect(last.type).toBe('result');
    expect(
      frames
        .filter((frame) => frame.type === 'delta')
        .map((frame) => frame.text)
        .join(''),
    ).toBe(last.result);
  });
});
