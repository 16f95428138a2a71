import { describe, expect, it } from 'vitest';
import { checkProjectName, requireProject } from '../../../cli/project-arg.js';
import type { DeployTarget } from '../../../cli/target/deploy-target.js';
import type { ProjectState, Receipt } from '../../../functions/lib/store/index.js';

/** A target that answers only what requireProject asks; every other member fails the test if called. */
function makeTarget(overrides: {
  readonly state?: ProjectState | null;
  readonly receipts?: Receipt[];
  readonly drop?: boolean;
  readonly known?: string[];
}): DeployTarget {
  const unexpected = (): never => {
    throw new Error('not expected');
  };
  return {
    kind: 'local',
    runsHere: false,
    secretPrefix: 'agentdrop/',
    region: 'us-west-2',
    stackName: 'agentdrop-local',
    store: {
      state: { getState: async () => overrides.state ?? null },
      receipts: { listReceipts: async () => overrides.receipts ?? [] },
    } as unknown as DeployTarget['store'],
    listStates: async () => (overrides.known ?? []).map((project) => ({ project }) as ProjectState),
    hasDrop: async () => overrides.drop === true,
    upload: unexpected,
    deleteDrop: unexpected,
    requestRedeploy: unexpected,
    putSecret: unexpected,
    listSecrets: unexpected,
    readPlan: unexpected,
    readArtifact: unexpected,
    readObjects: unexpected,
    agentCore: unexpected,
    agentCoreControl: unexpected,
    executionHistory: unexpected,
    logs: unexpected,
    pipelineLogGroups: unexpected,
    seedSecrets: unexpected,
    settle: unexpected,
    receiptOf: unexpected,
    close: async () => undefined,
  };
}

describe('requireProject', () => {
  const state = { project: 'team' } as ProjectState;
  const receipt = { project: 'team', deployId: 'd2' } as Receipt;
  it.each([
    ['a STATE item', { state }, { state, latestReceipt: null }],
    [
      'a receipt',
      { receipts: [receipt, { project: 'team', deployId: 'd1' } as Receipt] },
      { state: null, latestReceipt: receipt },
    ],
    ['a drop in the bucket', { drop: true }, { state: null, latestReceipt: null }],
  ])(
    'resolves for a project with %s, with the STATE and newest receipt it read',
    async (_what, overrides, read) => {
      await expect(requireProject(makeTarget(overrides), 'team')).resolves.toEqual(read);
    },
  );

  it('rejects a project with none of them, naming the known projects', async () => {
    await expect(
      requireProject(makeTarget({ drop: false, known: ['single', 'team'] }), 'nosuch'),
    ).rejects.toMatchObject({
      name: 'ProjectNotFound',
      message:
        'Project nosuch does not exist in the local cloud (no state, no receipts, no drop); known projects: single, team.',
      context: { project: 'nosuch', known: 'single,team' },
    });
  });

  it('rejects on a target without projects, saying how to deploy one', async () => {
    await expect(requireProject(makeTarget({}), 'nosuch')).rejects.toThrow(
      'no projects yet: deploy one with `agentdrop push <dir>`.',
    );
  });

  it('rejects an invalid name before asking the target', async () => {
    const target = { ...makeTarget({}), listStates: () => Promise.reject(new Error('asked')) };
    await expect(requireProject(target, 'Team')).rejects.toMatchObject({
      name: 'InvalidProjectName',
      code: 'project.invalid_name',
      context: { project: 'Team', suggestion: 'team' },
    });
  });
});

describe('checkProjectName', () => {
  it('names the --project to use for a name taken from a folder', () => {
    expect(() => checkProjectName('Helper (1)', 'flag')).toThrow(/; use --project helper-1$/);
  });

  it('asks about the suggestion for a project argument', () => {
    expect(() => checkProjectName('Helper (1)', 'argument')).toThrow(/; did you mean helper-1\?$/);
  });

  it('names no suggestion when none exists', () => {
    expect(() => checkProjectName('2024', 'argument')).toThrow(/and not contain '--'$/);
  });

  it('accepts a valid name', () => {
    expect(checkProjectName('helper-1', 'argument')).toBeUndefined();
  });
});
