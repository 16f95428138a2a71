import { describe, expect, it } from 'vitest';
import { planDeploy } from '../../../../core/plan/index.js';
import { makeTree } from '../../../support/file-tree.js';

const agent = (subagents: string[]) => `---\nsubagents: [${subagents.join(', ')}]\n---\nWork.\n`;

describe('the team roster', () => {
  it('prints a delegation cycle from its smallest name', () => {
    const plan = planDeploy(
      makeTree({
        'agentdrop.yaml': 'entry: top\n',
        '.managed-agents/top/agent.md': agent(['triage']),
        '.managed-agents/triage/agent.md': agent(['lead']),
        '.managed-agents/lead/agent.md': agent(['triage']),
      }),
      { project: 'cyc' },
    );
    expect(plan.diagnostics.filter((d) => d.code === 'subagent.cycle').map((d) => d.message)).toEqual([
      'Delegation cycle: lead → triage → lead.',
    ]);
  });

  it('deploys a three-level team under its unique root', () => {
    const plan = planDeploy(
      makeTree({
        '.managed-agents/boss/agent.md': agent(['middle']),
        '.managed-agents/middle/agent.md': agent(['leaf']),
        '.managed-agents/leaf/agent.md': 'Leaf work.\n',
      }),
      { project: 'deep' },
    );
    expect([plan.deployable, plan.mode, plan.root]).toEqual([true, 'runtime', 'boss']);
    expect(plan.agents.map((a) => [a.name, a.subagents])).toEqual([
      ['boss', ['middle']],
      ['leaf', []],
      ['middle', ['leaf']],
    ]);
  });

  it('deploys a leaf entry of a team as a harness', () => {
    const plan = planDeploy(
      makeTree({
        'agentdrop.yaml': 'entry: leaf\nmode: harness\nskipUnsupported: true\n',
        '.managed-agents/boss/agent.md': agent(['leaf']),
        '.managed-agents/leaf/agent.md': 'Leaf work.\n',
      }),
      { project: 'leafy' },
    );
    expect([plan.deployable, plan.mode, plan.reason, plan.name]).toEqual([
      true,
      'harness',
      'harness requested by manifest',
      'agentdrop_leafy_leaf',
    ]);
  });
});
