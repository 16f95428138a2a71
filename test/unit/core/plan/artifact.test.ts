import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDirectoryBundle } from '../../../../core/bundle/index.js';
import { checkUnzippedCodeSize } from '../../../../core/plan/artifact.js';
import {
  CodePackageLimits,
  checkCodeZipSize,
  planDeploy,
  type RequestedArtifact,
} from '../../../../core/plan/index.js';
import { RuntimeAgentBundle } from '../../../../core/runtime-template/index.js';
import { makeTree } from '../../../support/file-tree.js';

const examples = join(import.meta.dirname, '../../../../examples');
const team = (manifest: string | null, worker = '---\ntools: []\n---\nDo the work.\n') =>
  makeTree({
    '.managed-agents/lead/agent.md': '---\nsubagents: [worker]\n---\nLead the work.\n',
    '.managed-agents/worker/agent.md': worker,
    ...(manifest === null ? {} : { 'agentdrop.yaml': manifest }),
  });

describe('planDeploy runtime artifact', () => {
  describe('when nothing asks for one', () => {
    it('ships a container, as before: no code plan, an image tag', () => {
      const plan = planDeploy(team(null), { project: 'demo' });
      expect(plan.code).toBeUndefined();
      expect(plan.imageTag).toBe(plan.specHash!.slice(0, 12));
      expect(plan.diagnostics.filter((d) => d.code.startsWith('runtime.artifact'))).toEqual([]);
    });
  });

  describe('when runtime.artifact is code', () => {
    it('returns the code plan: NODE_22, the bundled agent as entry point, no image', () => {
      const plan = planDeploy(team('runtime: {artifact: code}\n'), { project: 'demo' });
      expect(plan.deployable).toBe(true);
      expect(plan.code).toEqual({
        runtime: 'NODE_22',
        entryPoint: ['agent.mjs'],
        agentBundleHash: RuntimeAgentBundle.sha256,
        unzippedBytes: RuntimeAgentBundle.bytes,
      });
      expect([plan.ecrRepository, plan.imageTag]).toEqual([null, null]);
    });

    it('hashes the artifact: the same drop as a container has another specHash', () => {
      const code = planDeploy(team('runtime: {artifact: code}\n'), { project: 'demo' });
      const container = planDeploy(team('runtime: {artifact: container}\n'), { project: 'demo' });
      expect(code.specHash).not.toBe(container.specHash);
      expect(container.specHash).toBe(planDeploy(team(null), { project: 'demo' }).specHash);
    });

    it('counts the skills into the unzipped size', async () => {
      const tree = await readDirectoryBundle(join(examples, 'team'));
      const plan = planDeploy(tree, { project: 'team', runtimeArtifact: 'code' });
      const skills = plan.skillBundles.reduce((sum, skill) => sum + skill.bytes, 0);
      expect(skills).toBeGreaterThan(0);
      expect(plan.code?.unzippedBytes).toBe(RuntimeAgentBundle.bytes + skills);
    });
  });

  describe('when the stack sets a default', () => {
    it.each<[string | null, RequestedArtifact, 'code' | 'container']>([
      [null, 'code', 'code'],
      [null, 'auto', 'code'],
      ['runtime: {artifact: container}\n', 'code', 'container'],
      ['runtime: {artifact: code}\n', 'container', 'code'],
    ])('lets agentdrop.yaml (%j) win over the stack default %s', (manifest, stack, expected) => {
      const plan = planDeploy(team(manifest), { project: 'demo', runtimeArtifact: stack });
      expect(plan.code === undefined ? 'container' : 'code').toBe(expected);
    });
  });

  describe('when runtime.artifact is auto', () => {
    it('picks code and says so', () => {
      const plan = planDeploy(team('runtime: {artifact: auto}\n'), { project: 'demo' });
      expect(plan.code).toBeDefined();
      expect(plan.diagnostics.filter((d) => d.code === 'runtime.artifact_auto')).toEqual([
        expect.objectContaining({ level: 'info', message: expect.stringContaining('auto: code') }),
      ]);
    });

    it('picks a container when an agent uses the AgentCore Browser, naming the need', () => {
      const plan = planDeploy(team('runtime: {artifact: auto}\n', '---\ntools: [webfetch]\n---\nW.\n'), {
        project: 'demo',
        runtimeBuiltins: { codeInterpreter: true, browser: true },
      });
      expect(plan.code).toBeUndefined();
      const [info] = plan.diagnostics.filter((d) => d.code === 'runtime.artifact_auto');
      expect(info?.message).toMatch(/container, because .*worker use the AgentCore Browser/);
    });
  });

  it('rejects an unknown runtime.artifact', () => {
    const plan = planDeploy(team('runtime: {artifact: lambda}\n'), { project: 'demo' });
    expect(plan.deployable).toBe(false);
    expect(plan.diagnostics.map((d) => [d.code, d.message])).toContainEqual([
      'project.manifest_invalid',
      "agentdrop.yaml: 'runtime.artifact' must be one of auto, container, code.",
    ]);
  });

  it('ignores runtime.artifact on a harness', () => {
    const plan = planDeploy(
      makeTree({ 'agent.md': 'Help.\n', 'agentdrop.yaml': 'runtime: {artifact: code}\n' }),
      {
        project: 'demo',
      },
    );
    expect([plan.mode, plan.code]).toEqual(['harness', undefined]);
  });
});

describe('code package limits', () => {
  it('accepts a package at the limits and refuses one byte more', () => {
    expect(checkUnzippedCodeSize(CodePackageLimits.maxUnzippedBytes)).toEqual([]);
    expect(checkCodeZipSize(CodePackageLimits.maxZipBytes)).toEqual([]);
    expect(
      checkUnzippedCodeSize(CodePackageLimits.maxUnzippedBytes + 1).map((d) => [d.code, d.level]),
    ).toEqual([['runtime.code_unzipped_too_large', 'error']]);
    expect(checkCodeZipSize(CodePackageLimits.maxZipBytes + 1).map((d) => [d.code, d.level])).toEqual([
      ['runtime.code_zip_too_large', 'error'],
    ]);
  });
});
