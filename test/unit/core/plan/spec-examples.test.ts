import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planDeploy } from '../../../../core/plan/index.js';
import { makeTree, treeFromDir } from '../../../support/file-tree.js';

const fixtures = join(import.meta.dirname, '../../../fixtures/drops');
const codesOf = (plan: ReturnType<typeof planDeploy>, level: string) =>
  plan.diagnostics.filter((d) => d.level === level).map((d) => d.code);

describe('planDeploy', () => {
  describe('with the single-agent example of spec §12.1', () => {
    const plan = planDeploy(treeFromDir(join(fixtures, 'support-bot')), { project: 'support-bot' });

    it('returns a harness plan with the names, model, tools and skill of the spec', () => {
      expect(plan.mode).toBe('harness');
      expect(plan.reason).toBe(
        'auto: single agent without subagents, deployed as a config-only AgentCore Harness (no container build)',
      );
      expect([plan.name, plan.root, plan.deployable]).toEqual([
        'agentdrop_support_bot_helpdesk',
        'helpdesk',
        true,
      ]);
      expect(plan.agents[0]!.model).toBe('us.anthropic.claude-haiku-4-5-20251001-v1:0');
      expect(plan.builtinToolTypes).toEqual(['agentcore_browser']);
      expect(plan.agents[0]!.mcp).toEqual([
        {
          server: 'docs',
          url: 'https://docs.example.com/mcp',
          headers: { Authorization: 'Bearer ${DOCS_TOKEN}' },
          allowedTools: ['read_page', 'search'],
          approvals: ['read_page'],
          filterEnforced: false,
        },
      ]);
      const hash = 'eccbd99cbb984bad82a7c07b04375519113305541fc382f639005d8986a18c0a';
      expect(plan.skillBundles.map((s) => [s.name, s.contentHash, s.s3Prefix])).toEqual([
        ['ticket-triage', hash, `skills/support-bot/${hash}/ticket-triage/`],
      ]);
      expect(plan.secretNames).toEqual(['DOCS_TOKEN']);
      expect(plan.secretBindings.map((b) => [b.secretId, b.envVar, b.versionId])).toEqual([
        ['agentdrop/DOCS_TOKEN', null, null],
      ]);
      expect(plan.fingerprint).toBeNull();
    });

    it('returns the diagnostics of the spec', () => {
      expect(codesOf(plan, 'warning')).toEqual([
        'harness.builtin_not_removable',
        'harness.mcp_filter_unenforced',
        'tools.approval_unsupported',
      ]);
      expect(codesOf(plan, 'info').sort()).toEqual(
        [
          'harness.browser_mapped',
          'harness.builtin_native',
          'harness.skills_via_s3',
          'model.resolved',
          'secret.referenced',
        ].sort(),
      );
      expect(plan.diagnostics.find((d) => d.code === 'harness.builtin_not_removable')!.message).toContain(
        'bash, edit, glob, write',
      );
    });
  });

  describe('with the team example of spec §12.2', () => {
    const tree = treeFromDir(join(fixtures, 'code-review'));
    // The spec's example assumes Browser mapping support; the generated runtime wires the Code Interpreter only.
    const withBrowser = { project: 'code-review', runtimeBuiltins: { codeInterpreter: true, browser: true } };
    const plan = planDeploy(tree, withBrowser);

    it('returns a runtime plan with the models, skills, MCP and tool types of the spec', () => {
      expect(plan.mode).toBe('runtime');
      expect(plan.reason).toBe(
        "auto: 3 agents with delegation under entry 'lead', deployed together in one AgentCore Runtime container",
      );
      expect([plan.name, plan.root, plan.ecrRepository]).toEqual([
        'agentdrop_code_review_lead',
        'lead',
        'agentdrop/code-review',
      ]);
      expect(Object.fromEntries(plan.agents.map((a) => [a.name, a.model]))).toEqual({
        lead: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        librarian: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
        'bug-finder': 'us.anthropic.claude-opus-4-5-20251101-v1:0',
      });
      expect(plan.skillBundles.map((s) => [s.name, s.contentHash, s.usedBy, s.s3Prefix])).toEqual([
        [
          'bug-report',
          'b11336c8ece498d2624a544cd65c2ddc0847a25989572cc9b50700e30adfb029',
          ['bug-finder'],
          null,
        ],
        [
          'cite-sources',
          'ecabf6cfe90d3b5f5ac1f32c8e17c7b707b4776fae3fdc5a65b12408b1a7aee4',
          ['bug-finder', 'librarian'],
          null,
        ],
      ]);
      const librarian = plan.agents.find((a) => a.name === 'librarian')!;
      expect(librarian.mcp.map((m) => [m.server, m.allowedTools, m.filterEnforced])).toEqual([
        ['docs', ['ask_question'], true],
      ]);
      expect(Object.fromEntries(plan.agents.map((a) => [a.name, a.builtinToolTypes]))).toEqual({
        lead: [],
        librarian: ['agentcore_browser', 'agentcore_code_interpreter'],
        'bug-finder': ['agentcore_code_interpreter'],
      });
      expect(plan.secretNames).toEqual([]);
      expect(plan.imageTag).toBe(plan.specHash!.slice(0, 12));
    });

    it('returns the fingerprint of a plan without secrets', async () => {
      const { createHash } = await import('node:crypto');
      const expected = createHash('sha256')
        .update(`{"secretVersions":[],"specHash":"${plan.specHash}"}`)
        .digest('hex');
      expect(plan.fingerprint).toBe(expected);
    });

    it('returns the diagnostics of the spec', () => {
      expect(codesOf(plan, 'warning')).toEqual(['tools.approval_unsupported', 'tools.unmapped']);
      expect(codesOf(plan, 'info').sort()).toEqual(
        [
          'knowledge.inlined',
          'model.resolved',
          'model.resolved',
          'model.resolved',
          'runtime.browser_mapped',
          'runtime.code_interpreter_mapped',
          'runtime.code_interpreter_mapped',
        ].sort(),
      );
    });

    it('reports web built-ins as unavailable without Browser support, as spec §12.2 says', () => {
      const plain = planDeploy(tree, { project: 'code-review' });
      const librarian = plain.agents.find((a) => a.name === 'librarian')!;
      expect(librarian.builtinToolTypes).toEqual(['agentcore_code_interpreter']);
      expect(codesOf(plain, 'warning')).toContain('runtime.builtin_unavailable');
    });

    const withFiles = (extra: Record<string, string>) =>
      makeTree({ ...Object.fromEntries([...tree.files].map(([p, b]) => [p, b])), ...extra });
    const notes = { '.managed-agents/notes/agent.md': 'Keep notes.\n' };

    it('rejects an agent nobody lists as a second root', () => {
      const variant = planDeploy(withFiles(notes), withBrowser);
      expect(codesOf(variant, 'error')).toEqual(['project.multiple_roots']);
      expect(variant.diagnostics[0]!.message).toContain('lead, notes');
    });

    it('rejects it as unreachable once entry is set', () => {
      const variant = planDeploy(withFiles({ ...notes, 'agentdrop.yaml': 'entry: lead\n' }), withBrowser);
      expect(codesOf(variant, 'error')).toEqual(['agent.unreachable']);
    });

    it('leaves it out with skipUnsupported, with the same specHash as without it', () => {
      const manifest =
        'entry: lead\nskipUnsupported: true\nsmoke:\n  prompt: "Review: def add(a, b): return a - b"\n';
      const variant = planDeploy(withFiles({ ...notes, 'agentdrop.yaml': manifest }), withBrowser);
      expect(variant.deployable).toBe(true);
      expect(variant.agents.map((a) => a.name)).not.toContain('notes');
      expect(variant.specHash).toBe(plan.specHash);
    });

    it('changes the skill hash and specHash when one byte of a skill changes', () => {
      const path = '.managed-agents/shared/skills/cite-sources/SKILL.md';
      const text = new TextDecoder().decode(tree.files.get(path));
      const variant = planDeploy(withFiles({ [path]: text.replace('Sources', 'Sourcez') }), withBrowser);
      expect(variant.skillBundles[1]!.contentHash).not.toBe(plan.skillBundles[1]!.contentHash);
      expect(variant.specHash).not.toBe(plan.specHash);
    });

    it('uses eu. model ids and a new specHash in eu-central-1', () => {
      const variant = planDeploy(tree, { ...withBrowser, region: 'eu-central-1' });
      expect(variant.agents.every((a) => a.model.startsWith('eu.anthropic.'))).toBe(true);
      expect(variant.specHash).not.toBe(plan.specHash);
    });

    it('keeps the hash when CRLF line ends or a BOM are added to agent files', () => {
      const path = '.managed-agents/lead/agent.md';
      const text = new TextDecoder().decode(tree.files.get(path));
      const variant = planDeploy(withFiles({ [path]: `\uFEFF${text.replace(/\n/g, '\r\n')}` }), withBrowser);
      expect(variant.specHash).toBe(plan.specHash);
    });
  });
});
