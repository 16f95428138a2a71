import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDirectoryBundle } from '../../../core/bundle/index.js';
import { compileRuntime } from '../../../core/compile/index.js';
import { planDeploy } from '../../../core/plan/index.js';
import { type ScriptedModel, startScriptedModel } from '../../../local/model/index.js';
import { type McpFixture, startMcpFixture } from '../../fixtures/start-mcp-fixture.js';
import { invoke, type RunningAgent, startAgent, writeContext } from './generated-agent.js';

const McpFile = '.managed-agents/researcher/mcp.json';
const DocsTools = ['aws___read_documentation', 'aws___recommend', 'aws___search_documentation'];

interface TraceEntry {
  readonly agent: string;
  readonly tool: string;
  readonly depth: number;
  readonly ok: boolean;
  readonly ms: number;
  readonly kind: string;
  readonly server?: string;
  readonly skill?: string;
  readonly detail?: string;
}

describe('compileRuntime (examples/team, planned by planDeploy)', () => {
  let model: ScriptedModel;
  let mcp: McpFixture;
  let agent: RunningAgent;
  let smokePrompt: string;

  beforeAll(async () => {
    model = await startScriptedModel();
    mcp = await startMcpFixture(null, DocsTools);
    const bundle = await readDirectoryBundle(join(import.meta.dirname, '../../../examples/team'));
    if (!bundle.ok) throw new Error('examples/team does not read');
    // A copy of the example with its public MCP server pointed at a loopback one (DESIGN §7).
    const files = new Map(bundle.tree.files);
    const mcpJson = JSON.parse(new TextDecoder().decode(files.get(McpFile))) as {
      mcpServers: Record<string, { url: string }>;
    };
    mcpJson.mcpServers['aws-docs']!.url = mcp.url;
    files.set(McpFile, new TextEncoder().encode(JSON.stringify(mcpJson)));
    const plan = planDeploy({ files }, { project: 'team' });
    expect(plan.deployable).toBe(true);
    smokePrompt = plan.smoke.prompt;
    const dir = writeContext(compileRuntime(plan, { files }), 'example-team');
    agent = await startAgent(dir, {
      AGENTDROP_MODEL_PROVIDER: 'openai',
      AGENTDROP_MODEL_BASE_URL: model.endpoint,
      // The Code Interpreter has no emulator: point it at a closed port so its tools fail fast.
      AWS_ENDPOINT_URL_BEDROCK_AGENTCORE: 'http://127.0.0.1:9',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-west-2',
      AWS_MAX_ATTEMPTS: '1',
    });
  });
  afterAll(async () => {
    await agent?.stop();
    await mcp?.stop();
    await model?.stop();
  });

  it('returns an answer whose trace shows delegation and the skill the smoke prompt of the example asks for', async () => {
    const res = await invoke(agent.url, { prompt: smokePrompt });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: string; trace: TraceEntry[] };
    expect(body.result).toContain(`You said: ${smokePrompt}`);
    const calls = body.trace.map(
      (e) =>
        `${e.depth} ${e.agent}→${e.tool} ${e.kind}${e.skill ? `:${e.skill}` : ''} ${e.ok ? 'ok' : 'failed'}`,
    );
    expect(calls.sort()).toEqual([
      '0 editor→researcher subagent ok',
      '0 editor→writer subagent ok',
      '1 writer→skills skill:house-style ok',
    ]);
  });

  it('returns a trace of MCP, skills and the failing code interpreter when a prompt asks for every tool', async () => {
    const prompt =
      'Ask the researcher and the writer: aws___search_documentation, aws___read_documentation, the skills, the sandbox.';
    const res = await invoke(agent.url, { prompt });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: string; trace: TraceEntry[] };
    expect(body.result).toContain(`You said: ${prompt}`);
    const calls = body.trace.map(
      (e) =>
        `${e.depth} ${e.agent}→${e.tool} ${e.kind}${e.server ? `:${e.server}` : ''}${e.skill ? `:${e.skill}` : ''} ${e.ok ? 'ok' : 'failed'}`,
    );
    expect(calls.sort()).toEqual([
      '0 editor→researcher subagent ok',
      '0 editor→writer subagent ok',
      '1 researcher→aws___read_documentation mcp:aws-docs ok',
      '1 researcher→aws___search_documentation mcp:aws-docs ok',
      '1 researcher→executeCode builtin failed',
      '1 researcher→executeCommand builtin failed',
      // Its first enum operation (write) without files answers without reaching the service.
      '1 researcher→fileOperations builtin ok',
      '1 researcher→skills skill:cite-sources ok',
      '1 writer→skills skill:cite-sources ok',
    ]);
    const offered = model.requests.flatMap((r) =>
      ((r as { tools?: { function: { name: string } }[] }).tools ?? []).map((t) => t.function.name),
    );
    expect(offered).not.toContain('aws___recommend');
    expect(body.trace.find((e) => e.tool === 'executeCode')?.detail).toContain('ECONNREFUSED');
  });
});
