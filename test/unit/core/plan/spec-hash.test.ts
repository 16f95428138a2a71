import { describe, expect, it } from 'vitest';
import { type Plan, planDeploy, specHash } from '../../../../core/plan/index.js';
import {
  RuntimeTemplate,
  RuntimeTemplateHash,
  templateHash,
} from '../../../../core/runtime-template/index.js';
import { makeTree } from '../../../support/file-tree.js';

const team = makeTree({
  '.managed-agents/lead/agent.md': '---\nsubagents: [worker]\n---\nLead the work.\n',
  '.managed-agents/worker/agent.md': '---\ntools: []\n---\nDo the work.\n',
});
const single = makeTree({ 'agent.md': '---\nname: solo\n---\nHelp people.\n' });

/** specHash of a planned drop, recomputed with another runtime template. */
function specHashWith(plan: Plan, template: string): string {
  return specHash({
    mode: plan.mode === 'harness' ? 'harness' : 'runtime',
    compilerVersion: plan.compilerVersion,
    templateHash: template,
    name: plan.name!,
    root: plan.root!,
    memory: plan.memory,
    agents: plan.agents,
    builtinToolTypes: plan.builtinToolTypes,
    skillBundles: plan.skillBundles,
  });
}

describe('specHash', () => {
  describe('when a runtime plan is recomputed with the template it was planned with', () => {
    it('returns the plan specHash', () => {
      const plan = planDeploy(team, { project: 'crew' });
      expect(plan.templateHash).toBe(RuntimeTemplateHash);
      expect(specHashWith(plan, RuntimeTemplateHash)).toBe(plan.specHash);
    });
  });

  describe('when one byte of the runtime template changes', () => {
    it('returns another specHash, so the image tag changes too', () => {
      const plan = planDeploy(team, { project: 'crew' });
      const agent = RuntimeTemplate['agent.mjs']!;
      const edited = templateHash({ ...RuntimeTemplate, 'agent.mjs': agent.replace('main()', 'main( )') });
      expect(edited).not.toBe(RuntimeTemplateHash);
      const changed = specHashWith(plan, edited);
      expect(changed).not.toBe(plan.specHash);
      expect(changed.slice(0, 12)).not.toBe(plan.imageTag);
    });
  });

  describe('when the plan is a harness plan', () => {
    it('returns the same specHash whatever the runtime template', () => {
      const plan = planDeploy(single, { project: 'solo' });
      expect(plan.mode).toBe('harness');
      expect(plan.templateHash).toBeNull();
      expect(specHashWith(plan, templateHash({}))).toBe(plan.specHash);
    });
  });
});
