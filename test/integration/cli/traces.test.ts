import { appendFile, cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalCredentials, startLocalCloud } from '../../../local/cloud/index.js';
import { RepoRoot, runCli } from '../../support/run-cli.js';
import { postSigned } from '../../support/sign-xray-request.js';

interface TracesDocument {
  readonly project: string;
  readonly traces: readonly {
    traceId: string;
    durationMs: number;
    agent: string | null;
    tools: readonly string[];
    errors: readonly string[];
    spans: number;
  }[];
}

/** A prompt no span may carry (Strands records prompts as span events, which the runtime never exports). */
const CanaryPrompt =
  'Ask the researcher for the facts and the writer for a two-sentence explainer on S3 versioning. canary-prompt-5d1e9b';

describe('agentdrop traces on the local cloud', () => {
  let dataDir = '';
  const cli = (argv: string[]) =>
    runCli(argv, RepoRoot, { AGENTDROP_LOCAL_DIR: dataDir, AGENTDROP_POLL_INTERVAL_MS: '20' });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'agentdrop-traces-'));
    // Each command starts the local cloud for itself: the spans are kept in the data directory's aws/spans.
    const push = await cli(['push', 'examples/team']);
    expect(push.code, push.stdout + push.stderr).toBe(0);
    const invoke = await cli(['invoke', 'team', CanaryPrompt]);
    expect(invoke.code, invoke.stderr).toBe(0);
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists the smoke test’s and the invocation’s traces, newest first, with the entry agent and its tools', async () => {
    const run = await cli(['traces', 'team', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const document = JSON.parse(run.stdout) as TracesDocument;
    expect(document.project).toBe('team');
    // The smoke test's invocation (non-streaming) and `invoke`'s (streaming), each once: AgentCore's own span of
    // the call and the agent's spans share its trace.
    expect(document.traces).toHaveLength(2);
    for (const trace of document.traces) {
      expect(trace.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(trace.agent).toBe('editor');
      expect(trace.tools).toEqual(expect.arrayContaining(['researcher', 'writer']));
      expect(trace.durationMs).toBeGreaterThan(0);
      expect(trace.errors).toEqual([]);
    }
    // The receipt links the smoke test's trace: the older of the two.
    const receipt = await cli(['receipt', 'team']);
    expect(receipt.stdout).toContain(
      `smoke trace  ${document.traces[1]!.traceId} (agentdrop traces team ${document.traces[1]!.traceId})`,
    );
    const text = await cli(['traces', 'team', '--last', '1']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(text.stdout).toContain(document.traces[0]!.traceId);
  });

  it('prints one invocation as a tree: AgentCore’s span over the agent’s, a subagent under the tool that called it', async () => {
    const list = JSON.parse((await cli(['traces', 'team', '--json'])).stdout) as TracesDocument;
    const traceId = list.traces[0]!.traceId;
    const run = await cli(['traces', 'team', traceId]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    // One root: AgentCore's SERVER span of the call, the runtime agent's invocation span its only child.
    expect(lines[0]).toMatch(/^InvokeAgentRuntime {2}\d/);
    expect(lines[1]).toMatch(/^└─ agentdrop\.invocation {2}\d/);
    expect(lines.slice(1).every((line) => /^ |^└─ /.test(line))).toBe(true);
    const depth = (pattern: RegExp): number => {
      const line = lines.find((each) => pattern.test(each));
      expect(line, `${pattern} in\n${run.stdout}`).toBeDefined();
      return line!.search(/[a-z]/);
    };
    const editor = depth(/invoke_agent editor/);
    const tool = depth(/execute_tool researcher/);
    const subagent = depth(/invoke_agent researcher/);
    expect(tool).toBeGreaterThan(editor);
    expect(subagent).toBeGreaterThan(tool);
    expect(run.stdout).toMatch(/chat {2}\d+ ms/);
  });

  it('past the cap reads the newest spans, lists only the traces that started after the cut and says so', async () => {
    const whole = JSON.parse((await cli(['traces', 'team', '--json'])).stdout) as TracesDocument;
    const [newer, older] = whole.traces;
    const max = newer!.spans + older!.spans - 1;
    const run = await runCli(['traces', 'team', '--json'], RepoRoot, {
      AGENTDROP_LOCAL_DIR: dataDir,
      AGENTDROP_LOG_EVENTS_MAX: String(max),
    });
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as TracesDocument).traces).toEqual([newer]);
    expect(run.stderr).toMatch(
      new RegExp(
        `\\nOnly the newest ${max} span events are read: spans before \\S+ were left out, and traces started before then are not listed\\.\\n$`,
      ),
    );
    expect((await cli(['traces', 'team', '--json'])).stderr).not.toContain('Only the newest');
  });

  it('refuses an unknown project and a trace id that has no spans', async () => {
    const unknown = await cli(['traces', 'nosuch']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('nosuch');
    const missing = await cli(['traces', 'team', '0'.repeat(32), '--json']);
    expect(missing.code).not.toBe(0);
    expect(missing.stdout).toContain('TraceNotFound');
  });

  it('keeps prompt text out of aws/spans (the scan finds a canary planted in a span first)', async () => {
    const cloud = await startLocalCloud({ dataDir: join(dataDir) });
    const logs = new CloudWatchLogsClient(cloud.clientConfig('logs'));
    try {
      const planted = 'canary-planted-93c0aa';
      // Signed as the user (the emulator key), as X-Ray takes it.
      const exported = await postSigned(
        cloud.endpoints.otlp,
        new TextEncoder().encode(
          JSON.stringify({
            resourceSpans: [
              {
                resource: {
                  attributes: [{ key: 'service.name', value: { stringValue: 'agentdrop-planted' } }],
                },
                scopeSpans: [
                  {
                    scope: { name: 'test' },
                    spans: [
                      {
                        traceId: '1'.repeat(32),
                        spanId: '2'.repeat(16),
                        name: 'planted',
                        kind: 1,
                        startTimeUnixNano: String(Date.now() * 1e6),
                        endTimeUnixNano: String(Date.now() * 1e6 + 1000),
                        attributes: [{ key: 'note', value: { stringValue: planted } }],
                        status: { code: 0 },
                      },
                    ],
                  },
                ],
              },
            ],
          }),
        ),
        { 'content-type': 'application/json' },
        { ...LocalCredentials, region: cloud.region },
      );
      expect(exported.status).toBe(200);
      const { events = [] } = await logs.send(new FilterLogEventsCommand({ logGroupName: 'aws/spans' }));
      const all = events.map((event) => event.message ?? '').join('\n');
      expect(all).toContain(planted);
      expect(all).toContain('invoke_agent editor');
      expect(all).not.toContain('canary-prompt-5d1e9b');
    } finally {
      logs.destroy();
      await cloud.stop();
    }
  });
});

describe('agentdrop traces of a direct-code runtime (the bundled agent) on the local cloud', () => {
  let dataDir = '';
  const cli = (argv: string[]) =>
    runCli(argv, RepoRoot, { AGENTDROP_LOCAL_DIR: dataDir, AGENTDROP_POLL_INTERVAL_MS: '20' });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'agentdrop-traces-code-'));
    const folder = join(dataDir, 'teamcode');
    await cp(join(RepoRoot, 'examples/team'), folder, { recursive: true });
    await appendFile(join(folder, 'agentdrop.yaml'), '\nruntime:\n  artifact: code\n');
    const push = await cli(['push', folder]);
    expect(push.code, push.stdout + push.stderr).toBe(0);
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("lists the smoke test's invocation with the entry agent and its subagents", async () => {
    const run = await cli(['traces', 'teamcode', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { traces } = JSON.parse(run.stdout) as TracesDocument;
    expect(traces).toHaveLength(1);
    expect(traces[0]!.agent).toBe('editor');
    expect(traces[0]!.tools).toEqual(expect.arrayContaining(['researcher', 'writer']));
  });
});

describe('agentdrop traces of a harness project (AgentCore’s own spans, delivered to X-Ray) on the local cloud', () => {
  let dataDir = '';
  let answer = '';
  const cli = (argv: string[]) =>
    runCli(argv, RepoRoot, {
      AGENTDROP_LOCAL_DIR: dataDir,
      AGENTDROP_POLL_INTERVAL_MS: '20',
      DOCS_TOKEN: 'canary-traces-docs-token',
    });
  /** Names a skill, so the harness's agent calls its skills tool: an execute_tool span. */
  const CanaryQuestion =
    'Please triage this with the ticket-triage skill: deploys fail. canary-harness-prompt-41c7';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'agentdrop-traces-harness-'));
    const push = await cli(['push', 'examples/single']);
    expect(push.code, push.stdout + push.stderr).toBe(0);
    const invoke = await cli(['invoke', 'single', CanaryQuestion]);
    expect(invoke.code, invoke.stderr).toBe(0);
    answer = invoke.stdout;
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists the smoke test’s and the invocation’s traces with the harness as the agent, its tokens and tools', async () => {
    const run = await cli(['traces', 'single', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { traces } = JSON.parse(run.stdout) as TracesDocument;
    expect(traces).toHaveLength(2);
    for (const trace of traces) {
      expect(trace.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(trace.agent).toBe('agentdrop_single_helpdesk');
      expect(trace.errors).toEqual([]);
    }
    expect(traces[0]!.tools).toContain('skills');
    const text = await cli(['traces', 'single']);
    expect(text.stdout).toMatch(/agentdrop_single_helpdesk {2}\d+→\d+ tokens {2}tools: skills/);
  });

  it('prints the invocation as a tree: the SERVER span over its model and tool calls', async () => {
    const { traces } = JSON.parse((await cli(['traces', 'single', '--json'])).stdout) as TracesDocument;
    const run = await cli(['traces', 'single', traces[0]!.traceId]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^invoke_agent agentdrop_single_helpdesk {2}\d/);
    expect(lines.slice(1).join('\n')).toMatch(/^├─ chat {2}\d+ ms {2}\d+→\d+ tokens/m);
    expect(lines.slice(1).join('\n')).toMatch(/^├─ execute_tool skills {2}\d+ ms$/m);
    expect(lines.at(-1)).toMatch(/^└─ chat /);
  });

  it('keeps the prompt and the answer out of aws/spans (the scan finds the canary in the answer first)', async () => {
    expect(answer).toContain('canary-harness-prompt-41c7');
    const cloud = await startLocalCloud({ dataDir });
    const logs = new CloudWatchLogsClient(cloud.clientConfig('logs'));
    try {
      const { events = [] } = await logs.send(new FilterLogEventsCommand({ logGroupName: 'aws/spans' }));
      const all = events.map((event) => event.message ?? '').join('\n');
      expect(all).toContain('invoke_agent agentdrop_single_helpdesk');
      expect(all).not.toContain('canary-harness-prompt-41c7');
      expect(all).not.toContain('canary-traces-docs-token');
    } finally {
      logs.destroy();
      await cloud.stop();
    }
  });
});

describe('agentdrop traces with an invalid project name', () => {
  it('refuses it before starting a local cloud: the one error line, nothing written to the data directory', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'agentdrop-traces-invalid-'));
    try {
      const run = await runCli(['traces', 'Bad Name'], RepoRoot, { AGENTDROP_LOCAL_DIR: dataDir });
      expect([run.code, run.stdout, run.stderr]).toEqual([
        1,
        '',
        "project.invalid_name: Project name \"Bad Name\" is not valid: it must match ^[a-z][a-z0-9-]{0,29}$, not end with '-' and not contain '--'; did you mean bad-name?\n",
      ]);
      expect(await readdir(dataDir)).toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
