import { describe, expect, it } from 'vitest';
import { memoryName, planDeploy } from '../../../../core/plan/index.js';
import { makeTree } from '../../../support/file-tree.js';

const team = (manifest: string) =>
  makeTree({
    'agentdrop.yaml': manifest,
    '.managed-agents/lead/agent.md': '---\nsubagents: [worker]\n---\nLead the work.\n',
    '.managed-agents/worker/agent.md': '---\ntools: []\n---\nDo the work.\n',
  });

const memoryFindings = (plan: ReturnType<typeof planDeploy>) =>
  plan.diagnostics
    .filter((d) => d.code.includes('memory') || d.code === 'project.manifest_invalid')
    .map(({ level, code, message }) => ({ level, code, message }));

describe('planDeploy', () => {
  describe('when a runtime enables memory with strategies', () => {
    const plan = planDeploy(team('memory: {enabled: true, strategies: [summary, semantic, summary]}\n'), {
      project: 'team',
    });

    it('returns the strategies sorted and unique, and the memory_attached info', () => {
      expect(plan.memoryStrategies).toEqual(['semantic', 'summary']);
      expect(memoryFindings(plan)).toEqual([
        {
          level: 'info',
          code: 'runtime.memory_attached',
          message:
            "memory.enabled: the runtime gets the project's AgentCore Memory (long-term strategies semantic, summary), keyed by session and actor.",
        },
      ]);
    });

    it('returns another spec hash than without the strategies', () => {
      const shortTerm = planDeploy(team('memory: {enabled: true}\n'), { project: 'team' });
      expect(shortTerm.memoryStrategies).toEqual([]);
      expect(shortTerm.specHash).not.toBe(plan.specHash);
    });
  });

  describe('when the region does not offer a requested strategy', () => {
    it('returns memory_unavailable for that strategy only and leaves it out', () => {
      const plan = planDeploy(team('memory: {enabled: true, strategies: [semantic, userPreference]}\n'), {
        project: 'team',
        region: 'eu-west-3',
        memoryStrategiesOffered: ['semantic'],
      });
      expect(plan.memoryStrategies).toEqual(['semantic']);
      expect(memoryFindings(plan).map((d) => [d.level, d.code, d.message])).toEqual([
        [
          'warning',
          'runtime.memory_unavailable',
          'AgentCore Memory in eu-west-3 does not offer the userPreference strategy; it is left out.',
        ],
        [
          'info',
          'runtime.memory_attached',
          "memory.enabled: the runtime gets the project's AgentCore Memory (long-term strategies semantic), keyed by session and actor.",
        ],
      ]);
      expect(plan.deployable).toBe(true);
    });
  });

  describe('when memory is off', () => {
    it('returns no strategies field and no memory finding', () => {
      const plan = planDeploy(team('memory: {enabled: false, strategies: [semantic]}\n'), {
        project: 'team',
      });
      expect([plan.memory, plan.memoryStrategies, memoryFindings(plan)]).toEqual([false, undefined, []]);
    });
  });

  describe('when memory.strategies names an unknown strategy', () => {
    it('returns manifest_invalid naming the key', () => {
      const plan = planDeploy(team('memory: {enabled: true, strategies: [episodic]}\n'), { project: 'team' });
      expect(memoryFindings(plan)).toContainEqual({
        level: 'error',
        code: 'project.manifest_invalid',
        message: "agentdrop.yaml: 'memory.strategies' must be a list of semantic, summary, userPreference.",
      });
    });
  });
});

describe('memoryName', () => {
  it('returns agentdrop_<project> sanitised', () => {
    expect(memoryName('my-team')).toBe('agentdrop_my_team');
  });

  it('returns at most 48 characters, a hash suffix keeping long names apart', () => {
    const long = memoryName('a'.repeat(60));
    expect(long).toMatch(/^agentdrop_a{31}_[0-9a-f]{6}$/);
    expect(long).not.toBe(memoryName(`${'a'.repeat(59)}b`));
  });
});
