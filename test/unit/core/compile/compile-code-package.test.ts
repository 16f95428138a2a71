import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CompileError, compileCodePackage, compileRuntime } from '../../../../core/compile/index.js';
import { planDeploy } from '../../../../core/plan/index.js';
import { RuntimeAgentBundle } from '../../../../core/runtime-template/index.js';
import { makeTree } from '../../../support/file-tree.js';

const tree = makeTree({
  'agentdrop.yaml': 'runtime: {artifact: code}\n',
  '.managed-agents/lead/agent.md': '---\nsubagents: [worker]\nskills: [guide]\n---\nLead.\n',
  '.managed-agents/worker/agent.md': '---\ntools: []\n---\nWork.\n',
  '.managed-agents/lead/skills/guide/SKILL.md': '---\nname: guide\ndescription: How.\n---\nDo it well.\n',
});

/** A stand-in bundle: the plan is made against this bytes' hash, as it is against the real bundle's. */
const agentBundle = new TextEncoder().encode('// bundled agent\n');
const planFor = (bundle: Uint8Array) => {
  const plan = planDeploy(tree, { project: 'demo' });
  const sha256 = createHash('sha256').update(bundle).digest('hex');
  return { ...plan, code: { ...plan.code!, agentBundleHash: sha256 } };
};

describe('compileCodePackage', () => {
  it('returns the bundled agent at the entry point, the roster, the notes and the skills', () => {
    const context = compileCodePackage(planFor(agentBundle), tree, agentBundle);
    expect([...context.files.keys()].sort()).toEqual([
      'NOTES.md',
      'agent.mjs',
      'skills/guide/SKILL.md',
      'team.json',
    ]);
    expect(context.files.get('agent.mjs')).toBe(agentBundle);
  });

  it('carries the same team.json a container build context does', () => {
    const plan = planFor(agentBundle);
    const code = compileCodePackage(plan, tree, agentBundle);
    const container = compileRuntime({ ...plan, code: undefined }, tree);
    expect(code.files.get('team.json')).toEqual(container.files.get('team.json'));
  });

  it('rejects a bundle that is not the one the plan was made with', () => {
    const plan = planDeploy(tree, { project: 'demo' });
    expect(plan.code?.agentBundleHash).toBe(RuntimeAgentBundle.sha256);
    expect(() => compileCodePackage(plan, tree, agentBundle)).toThrow(
      expect.objectContaining({ name: 'AgentBundleMismatch' }),
    );
  });

  it('rejects a plan that ships a container', () => {
    const plan = { ...planDeploy(tree, { project: 'demo' }), code: undefined };
    expect(() => compileCodePackage(plan, tree, agentBundle)).toThrow(CompileError);
    expect(() => compileCodePackage(plan, tree, agentBundle)).toThrow(
      expect.objectContaining({ name: 'NotCodePlan' }),
    );
  });
});
