import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffDeploy } from '../../../../core/diff/index.js';
import { type Plan, planDeploy, type RecordedTarget } from '../../../../core/plan/index.js';
import { treeFromDir } from '../../../support/file-tree.js';

const single = treeFromDir(join(import.meta.dirname, '../../../../templates/single'));
const team = treeFromDir(join(import.meta.dirname, '../../../../templates/team'));
const versions = new Map([['DOCS_TOKEN', 'v1']]);

/** The template planned as `demo`, with files replaced or added. */
function planOf(tree: typeof single, files: Record<string, string> = {}, project = 'demo'): Plan {
  const changed = new Map(tree.files);
  for (const [path, text] of Object.entries(files)) changed.set(path, new TextEncoder().encode(text));
  return planDeploy({ files: changed }, { project });
}

/** The plan as the pipeline stored it after a deploy: secret versions from the pre-flight. */
function deployed(plan: Plan, versionId = 'v1'): { previous: Plan; state: RecordedTarget } {
  const previous = {
    ...plan,
    secretBindings: plan.secretBindings.map((binding) => ({ ...binding, versionId })),
  };
  const recorded = diffDeploy({
    next: plan,
    state: null,
    previous: null,
    secretVersions: new Map([['DOCS_TOKEN', versionId]]),
  });
  return {
    previous,
    state: {
      mode: plan.mode!,
      region: plan.region,
      name: plan.name!,
      fingerprint: recorded.fingerprint.after!,
    },
  };
}

describe('diffDeploy', () => {
  describe('when nothing is deployed', () => {
    it('returns create with every item added', () => {
      const diff = diffDeploy({
        next: planOf(single),
        state: null,
        previous: null,
        secretVersions: versions,
      });
      expect([diff.decision, diff.previousPlan]).toEqual(['create', false]);
      expect(diff.changes.map((c) => `${c.kind} ${c.subject} ${c.name}`)).toEqual([
        'added agent assistant',
        'added model assistant',
        'added skill greeting',
        'added mcp assistant/docs',
        'added secret assistant/docs/Authorization',
        'added builtin assistant/agentcore_browser',
        'added builtin assistant/bash',
        'added builtin assistant/edit',
        'added builtin assistant/glob',
        'added builtin assistant/grep',
        'added builtin assistant/read',
        'added builtin assistant/web_fetch',
        'added builtin assistant/web_search',
        'added builtin assistant/write',
      ]);
    });
  });

  describe('when the drop is unchanged', () => {
    it('returns skip with no change', () => {
      const plan = planOf(single);
      const diff = diffDeploy({ next: plan, ...deployed(plan), secretVersions: versions });
      expect([diff.decision, diff.changes, diff.diagnostics]).toEqual(['skip', [], []]);
      expect(diff.specHash.before).toBe(diff.specHash.after);
    });
  });

  describe('when a skill file changes', () => {
    it('returns update with that skill changed and nothing else', () => {
      const before = planOf(single);
      const next = planOf(single, {
        'skills/greeting/SKILL.md': '---\nname: greeting\ndescription: Greet.\n---\nSay hi.\n',
        'skills/greeting/phrases.txt': 'hi\n',
      });
      const diff = diffDeploy({ next, ...deployed(before), secretVersions: versions });
      expect(diff.decision).toBe('update');
      expect(diff.changes).toEqual([
        {
          subject: 'skill',
          kind: 'changed',
          name: 'greeting',
          detail: `content ${before.skillBundles[0]!.contentHash.slice(0, 12)} → ${next.skillBundles[0]!.contentHash.slice(0, 12)}; files + phrases.txt`,
        },
      ]);
    });
  });

  describe('when the secret was rotated', () => {
    it('returns update with the binding changed', () => {
      const plan = planOf(single);
      const diff = diffDeploy({
        next: plan,
        ...deployed(plan),
        secretVersions: new Map([['DOCS_TOKEN', 'v2']]),
      });
      expect([diff.decision, diff.changes]).toEqual([
        'update',
        [
          {
            subject: 'secret',
            kind: 'changed',
            name: 'assistant/docs/Authorization',
            detail: 'agentdrop/DOCS_TOKEN version v1 → v2',
          },
        ],
      ]);
    });
  });

  describe('when the secret is missing', () => {
    it('returns invalid with secret.missing', () => {
      const plan = planOf(single);
      const diff = diffDeploy({ next: plan, ...deployed(plan), secretVersions: new Map() });
      expect([diff.decision, diff.diagnostics.map((d) => d.code)]).toEqual(['invalid', ['secret.missing']]);
    });
  });

  describe('when the region changes', () => {
    it('returns replace with the region and the models changed', () => {
      const before = planOf(single);
      const next = planOf(single, {
        'agentdrop.yaml': 'region: eu-central-1\nsmoke:\n  prompt: "Say hello using the greeting skill."\n',
      });
      const diff = diffDeploy({ next, ...deployed(before), secretVersions: versions });
      expect(diff.decision).toBe('replace');
      expect(diff.reason).toBe(
        'region us-west-2 → eu-central-1: a new harness would be created, then the old harness deleted',
      );
      expect(diff.changes.map((c) => [c.subject, c.name, c.detail])).toEqual([
        ['setting', 'region', 'us-west-2 → eu-central-1'],
        [
          'model',
          'assistant',
          'us.anthropic.claude-haiku-4-5-20251001-v1:0 → eu.anthropic.claude-haiku-4-5-20251001-v1:0',
        ],
      ]);
    });
  });

  describe('when a runtime team turns memory on with a strategy', () => {
    it('returns update with memory and its strategies changed', () => {
      const before = planOf(team);
      const next = planOf(team, { 'agentdrop.yaml': 'memory: {enabled: true, strategies: [semantic]}\n' });
      const diff = diffDeploy({ next, ...deployed(before), secretVersions: versions });
      expect(diff.decision).toBe('update');
      expect(diff.changes.filter((c) => c.subject === 'setting').map((c) => [c.name, c.detail])).toEqual([
        ['memory', 'false → true'],
        ['memory.strategies', 'none → semantic'],
      ]);
    });
  });

  describe('when the team gains a subagent with a new model and loses an MCP server', () => {
    it('returns update listing the agent, its model, the entry change and the removed server', () => {
      const before = planOf(team);
      const next = planOf(team, {
        '.managed-agents/lead/agent.md':
          '---\nname: lead\ntools: []\nsubagents: [researcher, critic]\n---\nDelegate.\n',
        '.managed-agents/critic/agent.md':
          '---\nname: critic\nmodel: claude-sonnet-4-5\ntools: []\n---\nCritique.\n',
        '.managed-agents/researcher/mcp.json': '{"mcpServers": {}}',
      });
      const diff = diffDeploy({ next, ...deployed(before), secretVersions: versions });
      expect(diff.decision).toBe('update');
      expect(diff.changes.map((c) => `${c.kind} ${c.subject} ${c.name}: ${c.detail}`)).toEqual([
        'added agent critic: null',
        'changed agent lead: description; instruction; subagents [researcher] → [researcher,critic]',
        'changed agent researcher: mcp [docs] → []',
        'added model critic: us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        'removed mcp researcher/docs: https://mcp.context7.com/mcp',
        'removed secret researcher/docs/Authorization: agentdrop/DOCS_TOKEN',
      ]);
    });
  });

  describe('when the drop is not deployable', () => {
    it('returns invalid with its errors', () => {
      const next = planOf(single, { 'agent.md': '---\nsubagents: [ghost]\n---\nHi\n' });
      const diff = diffDeploy({ next, state: null, previous: null, secretVersions: versions });
      expect([diff.decision, diff.diagnostics.map((d) => d.code)]).toEqual(['invalid', ['subagent.missing']]);
    });
  });
});
