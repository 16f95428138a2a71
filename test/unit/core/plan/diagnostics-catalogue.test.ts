import { describe, expect, it } from 'vitest';
import { DiagnosticCatalogue, type DiagnosticCode } from '../../../../core/diagnostics/index.js';
import { type PlanOptions, planDeploy } from '../../../../core/plan/index.js';
import { makeTree } from '../../../support/file-tree.js';

/** A minimal deployable single agent plus `extra` files. */
const single = (
  extra: Record<string, string | Uint8Array> = {},
  agent: string | Uint8Array = '---\nname: solo\n---\nHelp people.\n',
) => ({
  'agent.md': agent,
  ...extra,
});

/** A minimal team: lead → worker, plus `extra` files (overriding by path). */
const team = (extra: Record<string, string | Uint8Array> = {}) => ({
  '.managed-agents/lead/agent.md': '---\nsubagents: [worker]\n---\nLead the work.\n',
  '.managed-agents/worker/agent.md': '---\ntools: []\n---\nDo the work.\n',
  ...extra,
});

const mcpFile = (servers: unknown) => JSON.stringify({ mcpServers: servers });

interface Case {
  readonly name: string;
  readonly files: Record<string, string | Uint8Array>;
  /** Folders with nothing in them, as a zip's directory entries give them. @default none */
  readonly emptyDirectories?: readonly string[];
  readonly code: DiagnosticCode;
  readonly options?: Partial<PlanOptions>;
  /** Whether the plan must still be deployable (warnings and infos). @default level !== 'error' */
  readonly deployable?: boolean;
}

const cases: Case[] = [
  {
    name: 'bad project name',
    files: single(),
    code: 'project.invalid_name',
    options: { project: 'My_Project' },
  },
  {
    name: 'project name with --',
    files: single(),
    code: 'project.invalid_name',
    options: { project: 'a--b' },
  },
  { name: 'no layout', files: { 'README.md': 'hi' }, code: 'project.not_found' },
  {
    name: 'no agents in .managed-agents',
    files: { '.managed-agents/notes/readme.txt': 'x' },
    code: 'project.empty',
  },
  {
    name: 'only empty folders in .managed-agents',
    files: {},
    emptyDirectories: ['.managed-agents/lead', '.managed-agents/writer'],
    code: 'project.empty',
  },
  {
    name: 'manifest unknown key',
    files: single({ 'agentdrop.yaml': 'colour: red\n' }),
    code: 'project.manifest_invalid',
  },
  {
    name: 'manifest project that is not a project name',
    files: single({ 'agentdrop.yaml': 'project: My_Project\n' }),
    code: 'project.manifest_invalid',
  },
  {
    name: 'manifest naming another project',
    files: single({ 'agentdrop.yaml': 'project: support\n' }),
    code: 'project.name_mismatch',
  },
  {
    name: 'manifest bad region',
    files: single({ 'agentdrop.yaml': 'region: Oregon\n' }),
    code: 'project.manifest_invalid',
  },
  {
    name: 'manifest bad regex',
    files: single({ 'agentdrop.yaml': 'smoke: {expect: "("}\n' }),
    code: 'project.manifest_invalid',
  },
  {
    name: 'manifest bad YAML',
    files: single({ 'agentdrop.yaml': 'mode: [\n' }),
    code: 'project.manifest_invalid',
  },
  {
    name: 'manifest wrong type',
    files: single({ 'agentdrop.yaml': 'force: "yes"\n' }),
    code: 'project.manifest_invalid',
  },
  {
    name: 'manifest unknown onDrift',
    files: single({ 'agentdrop.yaml': 'onDrift: fix\n' }),
    code: 'project.manifest_invalid',
  },
  {
    name: 'agentdrop.yml',
    files: single({ 'agentdrop.yml': 'mode: auto\n' }),
    code: 'project.manifest_misnamed',
  },
  {
    name: 'root agent beside team',
    files: team({ 'agent.md': 'x' }),
    code: 'project.root_agent_file_ignored',
  },
  {
    name: 'folder without agent file',
    files: team({ '.managed-agents/notes/todo.md': 'x' }),
    code: 'project.dir_ignored',
  },
  { name: 'stray files', files: single({ 'docs/notes.txt': 'x' }), code: 'project.unused_entries' },
  {
    name: 'two roots',
    files: team({ '.managed-agents/notes/agent.md': 'Take notes.\n' }),
    code: 'project.multiple_roots',
  },
  {
    name: 'entry names nobody',
    files: team({ 'agentdrop.yaml': 'entry: boss\n' }),
    code: 'project.entry_missing',
  },
  { name: 'bad frontmatter YAML', files: single({}, '---\nname: [\n---\nHi\n'), code: 'frontmatter.invalid' },
  {
    name: 'duplicate frontmatter key',
    files: single({}, '---\nname: a\nname: b\n---\nHi\n'),
    code: 'frontmatter.invalid',
  },
  {
    name: 'frontmatter not a mapping',
    files: single({}, '---\n- a\n---\nHi\n'),
    code: 'frontmatter.invalid',
  },
  {
    name: 'unterminated frontmatter',
    files: single({}, '---\nname: a\nHi\n'),
    code: 'frontmatter.unterminated',
  },
  {
    name: 'tools as a string',
    files: single({}, '---\ntools: Read, Grep\n---\nHi\n'),
    code: 'frontmatter.type',
  },
  {
    name: 'knowledge: always',
    files: single({}, '---\nknowledge: always\n---\nHi\n'),
    code: 'frontmatter.invalid_value',
  },
  {
    name: 'unknown frontmatter key',
    files: single({}, '---\ncolor: blue\n---\nHi\n'),
    code: 'frontmatter.unknown_key',
  },
  {
    name: 'repeated subagent',
    files: team({ '.managed-agents/lead/agent.md': '---\nsubagents: [worker, worker]\n---\nLead.\n' }),
    code: 'frontmatter.duplicate_entry',
  },
  { name: 'agent not UTF-8', files: single({}, new Uint8Array([0xff, 0xfe, 0x41])), code: 'agent.encoding' },
  { name: 'bad agent name', files: single({}, '---\nname: "-bad"\n---\nHi\n'), code: 'agent.invalid_name' },
  {
    name: 'names clash after folding',
    files: team({
      '.managed-agents/lead/agent.md': '---\nsubagents: [my-worker, My_Worker]\n---\nLead.\n',
      '.managed-agents/worker/agent.md': '---\nname: my-worker\n---\nWork.\n',
      '.managed-agents/other/agent.md': '---\nname: My_Worker\n---\nWork.\n',
    }),
    code: 'agent.duplicate_name',
  },
  { name: 'agent.md and CLAUDE.md', files: single({ 'CLAUDE.md': 'Other.\n' }), code: 'agent.file_shadowed' },
  {
    name: 'unreachable agent',
    files: team({ '.managed-agents/notes/agent.md': 'Notes.\n', 'agentdrop.yaml': 'entry: lead\n' }),
    code: 'agent.unreachable',
  },
  {
    name: 'unreachable agent with skipUnsupported',
    files: team({
      '.managed-agents/notes/agent.md': 'Notes.\n',
      'agentdrop.yaml': 'entry: lead\nskipUnsupported: true\n',
    }),
    code: 'agent.unreachable',
    deployable: true,
  },
  { name: 'skill not found', files: single({}, '---\nskills: [nope]\n---\nHi\n'), code: 'skill.missing' },
  {
    name: 'shared skill in single layout',
    files: single({}, '---\nskills: [shared/x]\n---\nHi\n'),
    code: 'skill.missing',
  },
  {
    name: 'bad skill name',
    files: single({ 'skills/b@d/SKILL.md': '---\ndescription: d\n---\nx\n' }),
    code: 'skill.invalid_name',
  },
  {
    name: 'skill frontmatter bad',
    files: single({ 'skills/s/SKILL.md': '---\nname: [\n---\nx\n' }),
    code: 'skill.invalid',
  },
  {
    name: 'skill not UTF-8',
    files: single({ 'skills/s/SKILL.md': new Uint8Array([0xc3, 0x28]) }),
    code: 'skill.invalid',
  },
  {
    name: 'skill folder without SKILL.md',
    files: single({ 'skills/s/notes.md': 'x' }),
    code: 'skill.no_skill_md',
  },
  {
    name: 'skill in both places',
    files: single({
      'skills/s/SKILL.md': '---\nname: s\ndescription: d\n---\nA\n',
      '.claude/skills/s/SKILL.md': '---\nname: s\ndescription: d\n---\nB\n',
    }),
    code: 'skill.shadowed',
  },
  {
    name: 'skill without description',
    files: single({ 'skills/s/SKILL.md': '---\nname: s\n---\nx\n' }),
    code: 'skill.no_description',
  },
  {
    name: 'skill name differs',
    files: single({ 'skills/s/SKILL.md': '---\nname: t\ndescription: d\n---\nx\n' }),
    code: 'skill.name_mismatch',
  },
  {
    name: 'one skill name, two contents',
    files: team({
      '.managed-agents/lead/skills/s/SKILL.md': '---\nname: s\ndescription: d\n---\nA\n',
      '.managed-agents/worker/skills/s/SKILL.md': '---\nname: s\ndescription: d\n---\nB\n',
    }),
    code: 'skill.name_collision',
  },
  { name: 'MCP not JSON', files: single({ 'mcp.json': '{' }), code: 'mcp.invalid' },
  { name: 'MCP without servers', files: single({ 'mcp.json': '{"servers": {}}' }), code: 'mcp.invalid' },
  { name: 'MCP without transport', files: single({ 'mcp.json': mcpFile({ a: {} }) }), code: 'mcp.invalid' },
  {
    name: 'reserved server name',
    files: single({ 'mcp.json': mcpFile({ agentcore_browser: { url: 'https://x.example' } }) }),
    code: 'mcp.invalid_name',
  },
  {
    name: 'bad server name',
    files: single({ 'mcp.json': mcpFile({ 'a b': { url: 'https://x.example' } }) }),
    code: 'mcp.invalid_name',
  },
  { name: 'server not found', files: single({}, '---\nmcp: [docs]\n---\nHi\n'), code: 'mcp.missing' },
  {
    name: 'http type without url',
    files: single({ 'mcp.json': mcpFile({ a: { type: 'http' } }) }),
    code: 'mcp.missing_url',
  },
  {
    name: 'ftp url',
    files: single({ 'mcp.json': mcpFile({ a: { url: 'ftp://x.example' } }) }),
    code: 'mcp.invalid_url',
  },
  {
    name: 'relative url',
    files: single({ 'mcp.json': mcpFile({ a: { url: '/mcp' } }) }),
    code: 'mcp.invalid_url',
  },
  {
    name: 'cloud metadata url',
    files: single({ 'mcp.json': mcpFile({ a: { url: 'http://169.254.169.254/latest/meta-data/' } }) }),
    code: 'mcp.invalid_url',
  },
  {
    name: 'link-local IPv6 url',
    files: single({ 'mcp.json': mcpFile({ a: { url: 'https://[fe80::1]/mcp' } }) }),
    code: 'mcp.invalid_url',
  },
  {
    name: 'EC2 IPv6 metadata url',
    files: single({ 'mcp.json': mcpFile({ a: { url: 'http://[fd00:ec2::254]/' } }) }),
    code: 'mcp.invalid_url',
  },
  {
    name: 'localhost url',
    files: single({ 'mcp.json': mcpFile({ a: { url: 'http://localhost:3000/mcp' } }) }),
    code: 'mcp.local_url',
  },
  {
    name: 'loopback IPv6 url',
    files: single({ 'mcp.json': mcpFile({ a: { url: 'https://[::1]/mcp' } }) }),
    code: 'mcp.local_url',
  },
  {
    name: 'http url',
    files: single({ 'mcp.json': mcpFile({ a: { url: 'http://x.example/mcp' } }) }),
    code: 'mcp.insecure_url',
  },
  {
    name: 'unknown type',
    files: single({ 'mcp.json': mcpFile({ a: { type: 'grpc', url: 'https://x.example' } }) }),
    code: 'mcp.unknown_type',
  },
  {
    name: 'sse',
    files: single({ 'mcp.json': mcpFile({ a: { type: 'SSE', url: 'https://x.example' } }) }),
    code: 'mcp.sse_transport',
  },
  {
    name: 'stdio server',
    files: single({ 'mcp.json': mcpFile({ a: { command: 'npx', args: ['srv'] } }) }),
    code: 'mcp.stdio_unsupported',
  },
  {
    name: 'stdio server with skip',
    files: single({
      'mcp.json': mcpFile({ a: { type: 'stdio', command: 'npx' } }),
      'agentdrop.yaml': 'skipUnsupported: true\n',
    }),
    code: 'mcp.stdio_skipped',
  },
  {
    name: 'env on url server',
    files: single({ 'mcp.json': mcpFile({ a: { url: 'https://x.example', env: { A: '1' } } }) }),
    code: 'mcp.env_ignored',
  },
  {
    name: 'bad header name',
    files: single({ 'mcp.json': mcpFile({ a: { url: 'https://x.example', headers: { 'X Y': 'v' } } }) }),
    code: 'mcp.invalid_header',
  },
  {
    name: 'empty header value',
    files: single({ 'mcp.json': mcpFile({ a: { url: 'https://x.example', headers: { 'X-Y': '' } } }) }),
    code: 'mcp.invalid_header',
  },
  {
    name: 'header value with CR LF (header injection)',
    files: single({
      'mcp.json': mcpFile({ a: { url: 'https://x.example', headers: { 'X-Y': 'abc\r\nX-Injected: 1' } } }),
    }),
    code: 'mcp.invalid_header',
  },
  {
    name: 'header value with NUL',
    files: single({
      'mcp.json': mcpFile({ a: { url: 'https://x.example', headers: { 'X-Y': 'a\u0000b' } } }),
    }),
    code: 'mcp.invalid_header',
  },
  {
    name: 'empty tool name',
    files: single({ 'mcp.json': mcpFile({ a: { url: 'https://x.example', allowedTools: [':ask'] } }) }),
    code: 'mcp.invalid_tool',
  },
  {
    name: 'repeated tool',
    files: single({ 'mcp.json': mcpFile({ a: { url: 'https://x.example', allowedTools: ['t', 't:ask'] } }) }),
    code: 'mcp.duplicate_tool',
  },
  {
    name: 'mcp.json and .mcp.json',
    files: single({ 'mcp.json': mcpFile({}), '.mcp.json': mcpFile({}) }),
    code: 'mcp.file_shadowed',
  },
  {
    name: 'one server name, two urls',
    files: team({
      '.managed-agents/lead/mcp.json': mcpFile({ docs: { url: 'https://a.example' } }),
      '.managed-agents/worker/mcp.json': mcpFile({ docs: { url: 'https://b.example' } }),
    }),
    code: 'mcp.name_conflict',
  },
  {
    name: 'unknown server key',
    files: single({ 'mcp.json': mcpFile({ a: { url: 'https://x.example', timeout: 5 } }) }),
    code: 'mcp.unknown_key',
  },
  {
    name: 'unknown subagent',
    files: team({ '.managed-agents/lead/agent.md': '---\nsubagents: [worker, ghost]\n---\nLead.\n' }),
    code: 'subagent.missing',
  },
  {
    name: 'cycle',
    files: team({
      'agentdrop.yaml': 'entry: lead\n',
      '.managed-agents/worker/agent.md': '---\nsubagents: [lead]\n---\nWork.\n',
    }),
    code: 'subagent.cycle',
  },
  {
    name: 'self reference',
    files: team({ '.managed-agents/worker/agent.md': '---\nsubagents: [worker]\n---\nWork.\n' }),
    code: 'subagent.cycle',
  },
  {
    name: '51 subagents',
    files: {
      ...Object.fromEntries(
        Array.from({ length: 51 }, (_, i) => [`.managed-agents/w${i}/agent.md`, 'Work.\n']),
      ),
      '.managed-agents/lead/agent.md': `---\nsubagents: [${Array.from({ length: 51 }, (_, i) => `w${i}`).join(', ')}]\n---\nLead.\n`,
    },
    code: 'subagent.too_many',
  },
  { name: 'empty tool token', files: single({}, '---\ntools: [read, ""]\n---\nHi\n'), code: 'tools.invalid' },
  {
    name: 'unknown tool token',
    files: single({}, '---\ntools: [read, TodoWrite]\n---\nHi\n'),
    code: 'tools.unmapped',
  },
  {
    name: 'mcp__ token',
    files: single({}, '---\ntools: [mcp__docs__search]\n---\nHi\n'),
    code: 'tools.mcp_token_ignored',
  },
  {
    name: ':ask tool',
    files: single({}, '---\ntools: [bash:ask]\n---\nHi\n'),
    code: 'tools.approval_unsupported',
  },
  {
    name: 'model with space',
    files: single({}, '---\nmodel: claude haiku\n---\nHi\n'),
    code: 'model.invalid',
  },
  { name: 'empty model', files: single({}, '---\nmodel: ""\n---\nHi\n'), code: 'model.invalid' },
  {
    name: 'table model',
    files: single({}, '---\nmodel: claude-sonnet-4\n---\nHi\n'),
    code: 'model.resolved',
  },
  {
    name: 'unknown claude',
    files: single({}, '---\nmodel: claude-future-9\n---\nHi\n'),
    code: 'model.unknown_claude',
  },
  {
    name: 'qualified model',
    files: single({}, '---\nmodel: eu.amazon.nova-pro-v1:0\n---\nHi\n'),
    code: 'model.qualified',
  },
  {
    name: 'bare non-Claude model',
    files: single({}, '---\nmodel: amazon.nova-pro-v1:0\n---\nHi\n'),
    code: 'model.passthrough',
  },
  { name: 'knowledge inlined', files: single({ 'knowledge/a.md': 'Fact.\n' }), code: 'knowledge.inlined' },
  {
    name: 'knowledge over budget',
    files: single({ 'knowledge/big.txt': 'x'.repeat(100_000) }),
    code: 'knowledge.truncated',
  },
  {
    name: 'knowledge skipped',
    files: single({ 'knowledge/a.md': 'Fact.\n' }, '---\nknowledge: skip\n---\nHi\n'),
    code: 'knowledge.skipped',
  },
  { name: 'knowledge pdf', files: single({ 'knowledge/a.pdf': 'x' }), code: 'knowledge.unsupported_file' },
  {
    name: 'knowledge bad UTF-8',
    files: single({ 'knowledge/a.txt': new Uint8Array([0x41, 0xff, 0x42]) }),
    code: 'knowledge.decode',
  },
  { name: 'empty body', files: single({}, '---\nname: a\n---\n  \n'), code: 'instruction.empty' },
  { name: 'body too long', files: single({}, `${'y'.repeat(100_001)}\n`), code: 'instruction.too_long' },
  {
    name: 'templated header',
    files: single({
      'mcp.json': mcpFile({ a: { url: 'https://x.example', headers: { 'X-Api-Key': '${API_KEY}' } } }),
    }),
    code: 'secret.referenced',
  },
  {
    name: 'literal bearer',
    files: single({
      'mcp.json': mcpFile({ a: { url: 'https://x.example', headers: { 'X-Auth': 'Bearer abc' } } }),
    }),
    code: 'secret.literal',
  },
  {
    name: 'literal Authorization',
    files: single({
      'mcp.json': mcpFile({ a: { url: 'https://x.example', headers: { Authorization: 'token' } } }),
    }),
    code: 'secret.literal',
  },
  {
    name: 'long credential-like literal',
    files: single({
      'mcp.json': mcpFile({
        a: { url: 'https://x.example', headers: { 'X-Key': 'abcdefghij0123456789XYZ' } },
      }),
    }),
    code: 'secret.literal',
  },
  {
    name: 'user info in URL',
    files: single({ 'mcp.json': mcpFile({ a: { url: 'https://u:p@x.example' } }) }),
    code: 'secret.literal',
  },
  {
    name: 'token query parameter',
    files: single({ 'mcp.json': mcpFile({ a: { url: 'https://x.example/?token=abc' } }) }),
    code: 'secret.literal',
  },
  {
    name: '$NAME form',
    files: single({
      'mcp.json': mcpFile({ a: { url: 'https://x.example', headers: { 'X-Key': '$API_KEY' } } }),
    }),
    code: 'secret.template_syntax',
  },
  {
    name: 'default-value form',
    files: single({
      'mcp.json': mcpFile({ a: { url: 'https://x.example', headers: { 'X-Key': '${API_KEY:-x}' } } }),
    }),
    code: 'secret.template_syntax',
  },
  {
    name: 'two templates',
    files: single({
      'mcp.json': mcpFile({ a: { url: 'https://x.example', headers: { 'X-Key': '${A}${B}' } } }),
    }),
    code: 'secret.template_syntax',
  },
  {
    name: 'variable collision',
    files: team({
      '.managed-agents/lead/mcp.json': mcpFile({
        'a-b': { url: 'https://a.example', headers: { c: '${S1}' } },
      }),
      '.managed-agents/worker/mcp.json': mcpFile({
        a: { url: 'https://b.example', headers: { 'b-c': '${S2}' } },
      }),
    }),
    code: 'secret.env_collision',
  },
  {
    name: 'harness forced on a team',
    files: team({ 'agentdrop.yaml': 'mode: harness\n' }),
    code: 'harness.team_unsupported',
  },
  {
    name: 'harness region',
    files: single({ 'agentdrop.yaml': 'region: sa-east-1\n' }),
    code: 'harness.region_preview',
  },
  {
    name: 'sandbox on harness',
    files: single({}, '---\ntools: [bash]\n---\nHi\n'),
    code: 'harness.builtin_native',
  },
  {
    name: 'tools omit sandbox',
    files: single({}, '---\ntools: []\n---\nHi\n'),
    code: 'harness.builtin_not_removable',
  },
  {
    name: 'web on harness',
    files: single({}, '---\ntools: [WebSearch]\n---\nHi\n'),
    code: 'harness.browser_mapped',
  },
  {
    name: 'filter on harness',
    files: single({ 'mcp.json': mcpFile({ a: { url: 'https://x.example', allowedTools: ['t'] } }) }),
    code: 'harness.mcp_filter_unenforced',
  },
  {
    name: 'skills on harness',
    files: single({ 'skills/s/SKILL.md': '---\nname: s\ndescription: d\n---\nx\n' }),
    code: 'harness.skills_via_s3',
  },
  {
    name: 'memory on harness',
    files: single({ 'agentdrop.yaml': 'memory: {enabled: true}\n' }),
    code: 'harness.memory_managed',
  },
  {
    name: 'sandbox on runtime',
    files: team({ '.managed-agents/worker/agent.md': '---\ntools: [grep]\n---\nW.\n' }),
    code: 'runtime.code_interpreter_mapped',
  },
  {
    name: 'web on runtime with browser support',
    files: team({ '.managed-agents/worker/agent.md': '---\ntools: [webfetch]\n---\nW.\n' }),
    code: 'runtime.browser_mapped',
    options: { runtimeBuiltins: { codeInterpreter: true, browser: true } },
  },
  {
    name: 'web on runtime without browser support',
    files: team({ '.managed-agents/worker/agent.md': '---\ntools: [webfetch]\n---\nW.\n' }),
    code: 'runtime.builtin_unavailable',
  },
  {
    name: 'built-ins without mapping',
    files: team({ '.managed-agents/worker/agent.md': '---\ntools: [grep]\n---\nW.\n' }),
    code: 'runtime.builtin_unavailable',
    options: { runtimeBuiltins: { codeInterpreter: false, browser: false } },
  },
  {
    name: 'memory on runtime',
    files: team({ 'agentdrop.yaml': 'memory: {enabled: true}\n' }),
    code: 'runtime.memory_attached',
  },
  {
    name: 'memory strategy the region does not offer',
    files: team({ 'agentdrop.yaml': 'memory: {enabled: true, strategies: [semantic, summary]}\n' }),
    code: 'runtime.memory_unavailable',
    options: { memoryStrategiesOffered: ['semantic'] },
  },
  {
    name: 'long variable name',
    files: team({
      '.managed-agents/worker/mcp.json': mcpFile({
        ['s'.repeat(60)]: { url: 'https://x.example', headers: { ['X-'.padEnd(40, 'h')]: '${LONG}' } },
      }),
    }),
    code: 'runtime.env_name_shortened',
  },
  {
    name: '51 secret variables',
    files: team({
      '.managed-agents/worker/mcp.json': mcpFile({
        a: {
          url: 'https://x.example',
          headers: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`X-K${i}`, `\${K${i}}`])),
        },
      }),
    }),
    code: 'runtime.env_limit',
  },
  {
    name: 'runtime.artifact auto',
    files: team({ 'agentdrop.yaml': 'runtime: {artifact: auto}\n' }),
    code: 'runtime.artifact_auto',
  },
  {
    name: 'code artifact with the browser',
    files: team({
      'agentdrop.yaml': 'runtime: {artifact: code}\n',
      '.managed-agents/worker/agent.md': '---\ntools: [webfetch]\n---\nW.\n',
    }),
    code: 'runtime.code_unsupported',
    options: { runtimeBuiltins: { codeInterpreter: true, browser: true } },
  },
  {
    name: 'long names',
    files: single(),
    code: 'name.truncated',
    options: { project: 'customer-success-escalations' },
  },
];

describe('planDeploy diagnostics', () => {
  for (const testCase of cases) {
    it(`reports ${testCase.code} for ${testCase.name}`, () => {
      const tree = { ...makeTree(testCase.files), emptyDirectories: testCase.emptyDirectories };
      const plan = planDeploy(tree, { project: 'demo', ...testCase.options });
      const found = plan.diagnostics.filter((d) => d.code === testCase.code);
      expect(found.length, JSON.stringify(plan.diagnostics, null, 1)).toBeGreaterThan(0);
      const level = found[0]!.level;
      expect(plan.deployable).toBe(testCase.deployable ?? level !== 'error');
      for (const diagnostic of found) {
        expect(diagnostic.message.length).toBeGreaterThan(10);
        expect(diagnostic.message).not.toContain('\n');
      }
    });
  }

  it('has a case for every planner code of the catalogue', () => {
    // Bundle codes live in the bundle tests, P codes in the pipeline and preflight codes in preflight-target.test.ts
    // and preflight-quotas.test.ts; the code package size limits (hundreds of MB) in artifact.test.ts.
    const covered = new Set(cases.map((testCase) => testCase.code));
    const plannerCodes = (Object.keys(DiagnosticCatalogue) as DiagnosticCode[]).filter(
      (code) =>
        !code.startsWith('bundle.') &&
        ![
          'secret.missing',
          'secret.access_denied',
          'secret.not_string',
          'name.collision',
          'region.not_allowed',
          'region.unsupported',
          'model.unavailable_in_region',
          'versions.cleanup_failed',
          'runtime.code_unzipped_too_large',
          'runtime.code_zip_too_large',
          'logs.delivery_failed',
        ].includes(code) &&
        !code.startsWith('quota.'),
    );
    expect(plannerCodes.filter((code) => !covered.has(code))).toEqual([]);
  });
});
