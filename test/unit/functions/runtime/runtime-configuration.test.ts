import { describe, expect, it } from 'vitest';
import { planDeploy } from '../../../../core/plan/index.js';
import { runtimeConfiguration } from '../../../../functions/runtime/runtime-configuration.js';
import { makeTree } from '../../../support/file-tree.js';

const plan = {
  ...planDeploy(makeTree({ 'agent.md': '---\nname: solo\n---\nHelp people.\n' }), {
    project: 'demo',
    mode: 'runtime',
  }),
  secretArns: {},
};
const image = {
  kind: 'container' as const,
  build: {
    buildId: 'b:1',
    exportedEnvironmentVariables: [
      { Name: 'IMAGE_URI', Value: '123456789012.dkr.ecr.us-west-2.amazonaws.com/agentdrop/demo:abc' },
      { Name: 'IMAGE_DIGEST', Value: `sha256:${'d'.repeat(64)}` },
    ],
  },
};
const role = 'arn:aws:iam::123456789012:role/runtime';

describe('runtimeConfiguration', () => {
  it('sets AGENT_OBSERVABILITY_ENABLED=true only when the stack traces agents', () => {
    const on = runtimeConfiguration(plan, image, role, { memoryId: null, agentTraces: true });
    const off = runtimeConfiguration(plan, image, role, { memoryId: 'mem-1', agentTraces: false });
    expect(on.environmentVariables).toEqual({
      AGENTDROP_FINGERPRINT: plan.fingerprint,
      AGENT_OBSERVABILITY_ENABLED: 'true',
    });
    expect(off.environmentVariables).toEqual({
      AGENTDROP_FINGERPRINT: plan.fingerprint,
      AGENTDROP_MEMORY_ID: 'mem-1',
    });
  });
});
