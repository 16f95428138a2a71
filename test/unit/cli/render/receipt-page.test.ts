import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  consoleLinks,
  escapeHtml,
  type ReceiptPageInput,
  renderReceiptPage,
  traceTree,
} from '../../../../cli/render/receipt-page/index.js';
import type { RunStep } from '../../../../cli/target/run-steps.js';
import type { Cell, ToolCallObservation } from '../../../../core/receipt/index.js';
import type { Receipt } from '../../../../functions/lib/store/index.js';

const executionArn =
  'arn:aws:states:us-west-2:123456789012:execution:AgentDropDeploy-Ab12:team-01JD3Z8K6Q2W7X9Y4V5T3R2P1N';
const hostile = '<script>alert(1)</script>';

function call(overrides: Partial<ToolCallObservation>): ToolCallObservation {
  return {
    kind: 'subagent',
    target: 'researcher',
    tool: 'researcher',
    agent: 'editor',
    depth: 0,
    ok: true,
    detail: 'facts',
    ...overrides,
  };
}

const cells: Cell[] = [
  { cell: 'create', state: 'EXERCISED', reason: 'The resource reached READY.', evidence: 'status READY' },
  { cell: 'agent', state: 'EXERCISED', reason: 'The agent replied.', evidence: 'Hello' },
  {
    cell: 'subagent:researcher',
    state: 'EXERCISED',
    reason: 'Called during the smoke test.',
    evidence: 'editor → researcher',
  },
  {
    cell: 'subagent:writer',
    state: 'NOT-PROVEN',
    reason: 'The smoke prompt asked for it.',
    evidence: null,
  },
  { cell: 'mcp:docs', state: 'EXERCISED', reason: 'Called during the smoke test.', evidence: 'search ok' },
  { cell: 'skills', state: 'WIRED', reason: 'Configured and deployed; no skill was loaded.', evidence: null },
];
const trace = [
  call({}),
  call({ kind: 'mcp', target: 'docs', tool: 'search', agent: 'researcher', depth: 1, detail: 'S3 docs' }),
  call({ kind: 'mcp', target: 'docs', tool: 'fetch', agent: 'researcher', depth: 1, ok: false, detail: 'x' }),
];
const team = {
  root: 'editor',
  agents: [
    { name: 'editor', subagents: ['researcher', 'writer'], mcp: [], skills: [] },
    { name: 'researcher', subagents: [], mcp: [{ server: 'docs' }], skills: [] },
    { name: 'writer', subagents: [], mcp: [], skills: ['house-style'] },
  ],
};

function receipt(overrides: Partial<Receipt> = {}): Receipt {
  return {
    project: 'team',
    deployId: '01JD3Z8K6Q2W7X9Y4V5T3R2P1N',
    executionArn,
    outcome: 'succeeded',
    trigger: {
      kind: 'upload',
      bucket: 'drops',
      key: 'drops/team.zip',
      versionId: 'v1',
      sequencer: null,
      eventId: null,
      requester: null,
    },
    mode: 'runtime',
    decision: 'create',
    skipReason: null,
    fingerprint: 'f'.repeat(64),
    durations: { totalMs: 61_000, planMs: 900, smokeMs: 2_400 },
    diagnostics: { errors: 0, warnings: 0, infos: 1 },
    cells,
    trace,
    links: { console: null, buildLog: null },
    error: null,
    emulated: false,
    startedAt: '2026-11-25T00:00:00.000Z',
    finishedAt: '2026-11-25T00:01:01.000Z',
    ...overrides,
  };
}

function step(overrides: Partial<RunStep>): RunStep {
  return {
    state: 'Plan',
    stateType: 'Task',
    enteredAt: 1_000,
    durationMs: 900,
    outcome: 'succeeded',
    retries: 0,
    error: null,
    task: null,
    ...overrides,
  };
}

const steps: RunStep[] = [
  step({ task: { kind: 'lambda', functionName: 'AgentDropPlan-Xy' } }),
  step({
    state: 'BuildImage',
    enteredAt: 1_900,
    durationMs: 50_000,
    retries: 1,
    task: {
      kind: 'codebuild',
      projectName: 'AgentDropBuild',
      buildId: 'AgentDropBuild:6f1c',
      logGroupName: 'AgentDrop-BuildLogs-Q1',
    },
  }),
  step({
    state: 'SmokeTest',
    enteredAt: 51_900,
    durationMs: 2_400,
    task: { kind: 'lambda', functionName: 'AgentDropInvoke-Zz' },
  }),
];

const plan = {
  ...team,
  reason: 'auto: 3 agents with delegation',
  diagnostics: [
    { level: 'info' as const, code: 'model.resolved' as const, message: 'Model ok.', where: 'agent:editor' },
  ],
  smoke: { prompt: 'Ask the researcher', expect: null },
};

const input = (overrides: Partial<ReceiptPageInput> = {}): ReceiptPageInput => ({
  receipt: receipt(),
  steps,
  plan,
  functionLogGroups: [],
  ...overrides,
});

describe('renderReceiptPage', () => {
  it('returns the same bytes for the same receipt', () => {
    expect(renderReceiptPage(input())).toBe(renderReceiptPage(input()));
  });

  it('allows its one stylesheet by hash and nothing else: no script, no external resource', () => {
    const page = renderReceiptPage(input());
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    const csp = `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`);
    expect(page).not.toMatch(/<script|<link|<img|<iframe|src=|url\(|@import/i);
  });

  it('escapes every value of the receipt, the plan and the trace', () => {
    const page = renderReceiptPage(
      input({
        receipt: receipt({
          project: hostile,
          cells: [{ ...cells[1]!, evidence: hostile, reason: hostile }],
          trace: [call({ tool: hostile, detail: hostile, target: hostile })],
          error: { code: hostile, name: 'SmokeTestFailed', message: hostile, state: hostile },
          trigger: { ...receipt().trigger, key: hostile },
        }),
        steps: [step({ state: hostile, error: hostile })],
        plan: {
          ...plan,
          reason: hostile,
          diagnostics: [{ ...plan.diagnostics[0]!, message: hostile, where: hostile }],
          smoke: { prompt: hostile, expect: hostile },
        },
      }),
    );
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('draws one timeline row per state with its start, duration and retries', () => {
    const page = renderReceiptPage(input());
    const rows = [...page.matchAll(/<tr class="step-(\w+)" data-state="(\w+)">(.*?)<\/tr>/g)];
    expect(rows.map((row) => [row[1], row[2]])).toEqual([
      ['succeeded', 'Plan'],
      ['succeeded', 'BuildImage'],
      ['succeeded', 'SmokeTest'],
    ]);
    expect(rows[1]?.[3]).toContain('<td class="num">+900 ms</td>');
    expect(rows[1]?.[3]).toContain('<td class="num">50.0 s</td>');
    expect(rows[1]?.[3]).toContain('1 retry');
  });

  it('quotes under an agent that did not call a node only the reason of a cell nobody proved', () => {
    const page = renderReceiptPage(input());
    expect(page).toContain(
      '<strong>writer</strong> <span class="badge NOT-PROVEN">NOT-PROVEN</span><p class="evidence">The smoke prompt asked for it.</p>',
    );
    expect(page).toContain(
      '<span class="badge WIRED">WIRED</span><p class="evidence">Configured and deployed; no skill was loaded.</p>',
    );
  });

  it('says the history is gone when the execution is', () => {
    expect(renderReceiptPage(input({ steps: null }))).toContain(
      "The run's execution history is not available",
    );
  });

  it("shows a failed run's error code and failed state, and why it has no cells", () => {
    const page = renderReceiptPage(
      input({
        receipt: receipt({
          outcome: 'failed',
          cells: [],
          trace: [],
          error: {
            code: 'SmokeTestFailed',
            name: 'SmokeTestFailed',
            message: 'The reply does not match /nope/u',
            state: 'SmokeTest',
          },
        }),
        steps: [step({}), step({ state: 'SmokeTest', outcome: 'failed', error: 'SmokeTestFailed' })],
      }),
    );
    expect(page).toContain(
      '<strong class="failed" id="error-code">SmokeTestFailed</strong>: The reply does not match /nope/u',
    );
    expect(page).toContain('Failed in state <strong id="failed-state">SmokeTest</strong>.');
    expect(page).toContain('<tr class="step-failed" data-state="SmokeTest">');
    expect(page).toContain('this run did not get there');
  });
});

describe('consoleLinks', () => {
  it('links the execution, the build and every log group the run wrote to, for a stack', () => {
    // CloudFormation names the functions' groups: they come from the stack, never from the function names.
    const functionGroups = ['AgentDrop-PlanFunctionLogs-Xy', 'AgentDrop-InvokeFunctionLogs-Zz'];
    expect(consoleLinks(receipt(), steps, functionGroups)).toEqual([
      {
        label: 'Execution',
        url: `https://us-west-2.console.aws.amazon.com/states/home?region=us-west-2#/v2/executions/details/${executionArn}`,
      },
      {
        label: 'Build AgentDropBuild:6f1c',
        url: 'https://us-west-2.console.aws.amazon.com/codesuite/codebuild/projects/AgentDropBuild/build/AgentDropBuild%3A6f1c/?region=us-west-2',
      },
      ...['/aws/vendedlogs/states/AgentDropDeploy-Ab12', ...functionGroups, 'AgentDrop-BuildLogs-Q1'].map(
        (group) => ({
          label: `Log group ${group}`,
          url: `https://us-west-2.console.aws.amazon.com/cloudwatch/home?region=us-west-2#logsV2:log-groups/log-group/${group.replaceAll('/', '$252F')}`,
        }),
      ),
    ]);
  });

  it('links nothing for a receipt of the local cloud', () => {
    expect(consoleLinks(receipt({ emulated: true }), steps, ['AgentDrop-PlanFunctionLogs-Xy'])).toEqual([]);
    expect(renderReceiptPage(input({ receipt: receipt({ emulated: true }) }))).not.toContain('<a ');
  });
});

describe('traceTree', () => {
  it('nests each agent’s calls under it, then what it was configured with but did not call', () => {
    const tree = traceTree(trace, cells, team);
    const shape = (node: ReturnType<typeof traceTree>): unknown => ({
      node: `${node.kind}:${node.name}`,
      cell: node.cell?.state ?? null,
      calls: node.calls.map((observed) => observed.tool),
      ...(node.children.length > 0 ? { children: node.children.map(shape) } : {}),
    });
    expect(shape(tree)).toEqual({
      node: 'agent:editor',
      cell: 'EXERCISED',
      calls: [],
      children: [
        {
          node: 'subagent:researcher',
          cell: 'EXERCISED',
          calls: ['researcher'],
          children: [{ node: 'mcp:docs', cell: 'EXERCISED', calls: ['search', 'fetch'] }],
        },
        {
          node: 'subagent:writer',
          cell: 'NOT-PROVEN',
          calls: [],
          children: [{ node: 'skills:skills', cell: 'WIRED', calls: [] }],
        },
      ],
    });
  });

  it('shows the calls only when the team is unknown', () => {
    const tree = traceTree(trace, cells, null);
    expect([tree.name, tree.children.map((child) => child.name)]).toEqual(['editor', ['researcher']]);
    expect(tree.children[0]?.children.map((child) => child.name)).toEqual(['docs']);
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters HTML gives meaning to', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
