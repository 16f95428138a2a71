import { describe, expect, it } from 'vitest';
import { planDeploy } from '../../../../core/plan/index.js';
import { makeTree } from '../../../support/file-tree.js';

const instructionOf = (files: Record<string, string>) => {
  const plan = planDeploy(makeTree({ 'agent.md': 'Answer questions.\n', ...files }), { project: 'kb' });
  return { agent: plan.agents[0]!, plan };
};

describe('knowledge inlining', () => {
  it('appends blocks in path order under one heading, with a fence longer than any backtick run', () => {
    const { agent } = instructionOf({
      'knowledge/b.md': 'Use ```code``` fences.\r\n\n\n',
      'knowledge/a.txt': '\uFEFFFirst fact.\n',
    });
    expect(agent.instruction).toBe(
      'Answer questions.\n\n# Reference material\n' +
        '\n## knowledge/a.txt\n\n```\nFirst fact.\n```\n' +
        '\n## knowledge/b.md\n\n````\nUse ```code``` fences.\n````\n',
    );
    expect(agent.knowledge).toEqual({
      mode: 'inline',
      inlined: ['knowledge/a.txt', 'knowledge/b.md'],
      omitted: [],
    });
  });

  it('leaves out a block that does not fit and still tries later ones', () => {
    const { agent, plan } = instructionOf({
      'knowledge/1-big.txt': 'x'.repeat(99_990),
      'knowledge/2-small.txt': 'small',
    });
    expect(agent.knowledge.inlined).toEqual(['knowledge/2-small.txt']);
    expect(agent.knowledge.omitted).toEqual(['knowledge/1-big.txt']);
    expect(plan.diagnostics.find((d) => d.code === 'knowledge.truncated')!.message).toContain(
      'knowledge/1-big.txt',
    );
    expect([...agent.instruction].length).toBeLessThanOrEqual(100_000);
  });

  it('counts the budget in code points, not UTF-16 units', () => {
    const { agent } = instructionOf({ 'knowledge/emoji.txt': '😀'.repeat(99_900) });
    expect(agent.knowledge.inlined).toEqual(['knowledge/emoji.txt']);
  });
});
