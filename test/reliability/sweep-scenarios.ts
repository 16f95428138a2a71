import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { RunDeployResult } from '../../local/runner/index.js';
import { dropFiles, type LocalStack, runsStartedBy } from '../support/local-stack.js';
import type { SweepScenario } from './fault-sweep.js';

const examples = join(import.meta.dirname, '../../examples');

/** A harness deploy of examples/single to a fresh project each run (the create path). */
export async function harnessDeploy(): Promise<SweepScenario> {
  const files = await dropFiles(join(examples, 'single'));
  return {
    name: 'harness deploy',
    prepare: async (_stack, run) => `hd${run}`,
    act: (stack, project) => stack.drop(project, files),
    recover: (stack, project) => stack.drop(project, files),
  };
}

/**
 * A runtime deploy of examples/team (a build through the CodeBuild emulator, a runtime container for the smoke
 * test) to a fresh project each run; each project is torn down once checked, which stops its containers.
 */
export async function runtimeDeploy(): Promise<SweepScenario> {
  const files = await dropFiles(join(examples, 'team'));
  return {
    name: 'runtime deploy',
    prepare: async (_stack, run) => `rd${run}`,
    act: (stack, project) => stack.drop(project, files),
    recover: (stack, project) => stack.drop(project, files),
    cleanup: async (stack, project) => {
      await stack.deleteDrop(project);
    },
  };
}

/**
 * A runtime deploy of examples/team shipped as code (`runtime.artifact: code`: Plan writes the code package, no
 * build, the runtime created from the package's pinned S3 version, run from it for the smoke test) to a fresh
 * project each run; each project is torn down once checked, which stops its runtime process.
 */
export async function codeDeploy(): Promise<SweepScenario> {
  const files = await dropFiles(join(examples, 'team'));
  const manifest = new TextDecoder().decode(files.get('agentdrop.yaml'));
  files.set('agentdrop.yaml', new TextEncoder().encode(`${manifest}runtime:\n  artifact: code\n`));
  return {
    name: 'code deploy',
    prepare: async (_stack, run) => `cd${run}`,
    act: (stack, project) => stack.drop(project, files),
    recover: (stack, project) => stack.drop(project, files),
    cleanup: async (stack, project) => {
      await stack.deleteDrop(project);
    },
  };
}

/**
 * A new version of a deployed runtime (a rebuilt image, UpdateAgentRuntime, then `candidate` and `live` moved
 * with UpdateAgentRuntimeEndpoint) to a fresh project each run: prepare deploys examples/team, the trigger is a
 * drop with the writer's prompt changed; the next good drop is that drop again. Torn down once checked.
 */
export async function runtimeUpdate(): Promise<SweepScenario> {
  const files = await dropFiles(join(examples, 'team'));
  const changed = new Map(files);
  const path = '.managed-agents/writer/agent.md';
  changed.set(path, new TextEncoder().encode(`${new TextDecoder().decode(files.get(path))}\nBe brief.\n`));
  return {
    name: 'runtime update',
    prepare: async (stack, run) => {
      const project = `ru${run}`;
      await deployed(stack, project, files);
      return project;
    },
    act: (stack, project) => stack.drop(project, changed),
    recover: (stack, project) => stack.drop(project, changed),
    cleanup: async (stack, project) => {
      await stack.deleteDrop(project);
    },
  };
}

/**
 * A rollback (`Redeploy Requested` with `rollbackTo: previous`) of a harness whose versions 1 and 2 passed, to a
 * fresh project each run: live moves from 2 back to 1. The next good run is a rollback to version 1, which
 * converges live on it whatever the faulted run left.
 */
export async function harnessRollback(): Promise<SweepScenario> {
  const files = await dropFiles(join(examples, 'single'));
  const changed = new Map(files);
  const path = 'skills/ticket-triage/labels.csv';
  changed.set(
    path,
    new TextEncoder().encode(`${new TextDecoder().decode(files.get(path))}sweep,rollback,"version 2"\n`),
  );
  return {
    name: 'harness rollback',
    prepare: async (stack, run) => {
      const project = `rb${run}`;
      await deployed(stack, project, files);
      await deployed(stack, project, changed);
      return project;
    },
    act: (stack, project) => requestRollback(stack, project, 'previous'),
    recover: (stack, project) => requestRollback(stack, project, '1'),
  };
}

/** What `agentdrop rollback` publishes, and the runs it starts. */
function requestRollback(stack: LocalStack, project: string, rollbackTo: string): Promise<RunDeployResult[]> {
  const bus = new EventBridgeClient(stack.cloud.clientConfig('eventbridge'));
  return runsStartedBy(stack.triggers, () =>
    bus.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'agentdrop',
            Source: 'agentdrop.cli',
            DetailType: 'Redeploy Requested',
            Detail: JSON.stringify({ project, rollbackTo }),
          },
        ],
      }),
    ),
  ).finally(() => bus.destroy());
}

/** The same harness drop pushed again (Deploy Skipped, unchanged); runs chain on one project while they hold. */
export async function unchangedPush(): Promise<SweepScenario> {
  const files = await dropFiles(join(examples, 'single'));
  let project = '';
  return {
    name: 'unchanged push',
    prepare: async (stack, run, fresh) => {
      if (!fresh) return project;
      project = `up${run}`;
      await deployed(stack, project, files);
      return project;
    },
    act: (stack, name) => stack.drop(name, files),
    recover: (stack, name) => stack.drop(name, files),
  };
}

/**
 * A new version of a deployed harness (UpdateHarness, then `candidate` and `live` moved with
 * UpdateHarnessEndpoint, gated promotion) to a fresh project each run: prepare deploys examples/single,
 * the trigger is a drop with one skill file changed; the next good drop is that changed drop again.
 */
export async function harnessUpdate(): Promise<SweepScenario> {
  const files = await dropFiles(join(examples, 'single'));
  const changed = new Map(files);
  const path = 'skills/ticket-triage/labels.csv';
  changed.set(
    path,
    new TextEncoder().encode(`${new TextDecoder().decode(files.get(path))}sweep,update,"new version"\n`),
  );
  return {
    name: 'harness update',
    prepare: async (stack, run) => {
      const project = `hu${run}`;
      await deployed(stack, project, files);
      return project;
    },
    act: (stack, project) => stack.drop(project, changed),
    recover: (stack, project) => stack.drop(project, changed),
  };
}

/**
 * The deletion of a deployed harness drop (Agent Destroyed); the next good drop uploads it again, which is
 * also what the next run tears down, so runs chain on one project while they hold.
 */
export async function teardown(): Promise<SweepScenario> {
  const files = await dropFiles(join(examples, 'single'));
  let project = '';
  return {
    name: 'teardown',
    prepare: async (stack, run, fresh) => {
      if (!fresh) return project;
      project = `td${run}`;
      await deployed(stack, project, files);
      return project;
    },
    act: (stack, name) => stack.deleteDrop(name),
    recover: (stack, name) => stack.drop(name, files),
  };
}

async function deployed(stack: LocalStack, project: string, files: Map<string, Uint8Array>): Promise<void> {
  const runs = await stack.drop(project, files);
  if (runs.at(-1)?.status !== 'SUCCEEDED') throw new Error(`setting up ${project} failed`);
}
