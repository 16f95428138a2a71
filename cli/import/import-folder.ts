import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readDirectoryBundle } from '../../core/bundle/index.js';
import {
  type DeployedImport,
  folderFromSource,
  type ImportNote,
  ImportNoteCode,
  type ImportSource,
  sourceFromHarness,
} from '../../core/import/index.js';
import { CompilerVersion, planDeploy, suggestProjectName } from '../../core/plan/index.js';
import type { ProjectState } from '../../functions/lib/store/index.js';
import { checkFolderEmpty } from '../scaffold/index.js';
import type { DeployTarget } from '../target/deploy-target.js';
import { DeployedPlanNotFound } from './errors.js';
import { readDeployedSource } from './read-deployed-source.js';
import { type HarnessArn, readLiveHarness } from './read-live-harness.js';

/** What `agentdrop import` read and wrote (its `--json` output). */
export interface ImportResult {
  readonly source: {
    readonly kind: 'project' | 'harness';
    readonly project: string;
    readonly arn: string | null;
    readonly mode: string | null;
    /** The deployed plan's specHash; null for a harness agentdrop did not deploy. */
    readonly specHash: string | null;
  };
  readonly dir: string;
  /** Written paths relative to `dir`, sorted. */
  readonly files: readonly string[];
  /** What the folder does not carry (info lines). */
  readonly notes: readonly ImportNote[];
  /** The written folder planned offline under the project's name, as `agentdrop plan <dir> --project` does. */
  readonly roundTrip: {
    readonly project: string;
    readonly deployable: boolean;
    readonly specHash: string | null;
    /** Whether it equals the deployed specHash; null when there is none to compare with. */
    readonly same: boolean | null;
  };
}

/** Where `import` reads from: a project's deployed plan, or a harness by its ARN. */
export type ImportFrom =
  /** `state` as `requireProject` read it. */
  | { readonly kind: 'project'; readonly project: string; readonly state: ProjectState | null }
  | ({ readonly kind: 'harness' } & HarnessArn);

/**
 * Reads a deployed agent (a project's recorded plan and skill files, or a live harness), writes the agent folder
 * that plans to it into `dir` (the project's name under `cwd` when null), and plans the written folder to check the
 * round trip. Writes nothing but the folder; no secret value is read into it.
 * @throws FolderNotEmpty, ProjectNotDeployed, DeployedPlanNotFound, BuildContextNotFound, AgentCore errors
 */
export async function importFolder(
  target: DeployTarget,
  from: ImportFrom,
  dir: (project: string) => string,
  force: boolean,
): Promise<ImportResult> {
  const read =
    from.kind === 'project'
      ? await readProject(target, from.project, from.state)
      : await readHarness(target, from);
  const folderDir = dir(read.project);
  await checkFolderEmpty(folderDir, force, 'the imported files');
  const where = from.kind === 'project' ? `project ${from.project}` : `harness ${from.arn}`;
  const folder = folderFromSource(read.source, {
    header: [
      `Written by \`agentdrop import\` from ${where}${read.specHash ? ` (spec hash ${read.specHash.slice(0, 12)})` : ''}.`,
    ],
    project: read.project,
  });
  for (const [path, bytes] of folder.files) {
    await mkdir(dirname(join(folderDir, path)), { recursive: true });
    await writeFile(join(folderDir, path), bytes);
  }
  const plan = planDeploy(await readDirectoryBundle(folderDir), { project: read.project });
  const notes = [...read.notes, ...folder.notes];
  if (
    read.runtime !== null &&
    (read.runtime.compilerVersion !== CompilerVersion || read.runtime.templateHash !== plan.templateHash)
  ) {
    notes.push({
      code: ImportNoteCode.CompilerVersion,
      where: 'project',
      message: `The runtime was planned by agentdrop ${read.runtime.compilerVersion} (runtime template ${read.runtime.templateHash?.slice(0, 12) ?? '-'}); this is ${CompilerVersion} (${plan.templateHash?.slice(0, 12) ?? '-'}): both are part of a runtime's spec hash.`,
    });
  }
  return {
    source: {
      kind: from.kind,
      project: read.project,
      arn: from.kind === 'harness' ? from.arn : null,
      mode: read.source.mode,
      specHash: read.specHash,
    },
    dir: folderDir,
    files: [...folder.files.keys()],
    notes,
    roundTrip: {
      project: read.project,
      deployable: plan.deployable,
      specHash: plan.specHash,
      same: read.specHash === null ? null : plan.specHash === read.specHash,
    },
  };
}

interface SourceRead {
  readonly project: string;
  readonly source: ImportSource;
  readonly specHash: string | null;
  /** What a runtime's spec hash takes from the agentdrop that planned it (DESIGN §8); null for a harness. */
  readonly runtime: { readonly compilerVersion: string; readonly templateHash: string | null } | null;
  readonly notes: readonly ImportNote[];
}

async function readProject(
  target: DeployTarget,
  project: string,
  state: ProjectState | null,
): Promise<SourceRead> {
  const { plan, source } = await readDeployedSource(target, project, state);
  return {
    project,
    source,
    specHash: plan.specHash,
    runtime:
      plan.mode === 'runtime'
        ? { compilerVersion: plan.compilerVersion, templateHash: plan.templateHash }
        : null,
    notes: [],
  };
}

/**
 * A live harness; when its tags name a project of this stack whose STATE records this harness, the plan it was
 * deployed from fills in what the harness does not carry (model as written, knowledge, header templates, smoke).
 */
async function readHarness(target: DeployTarget, arn: HarnessArn): Promise<SourceRead> {
  const { harness, tags } = await readLiveHarness(target, arn);
  const tagged = tags['agentdrop:stack'] === target.stackName ? tags['agentdrop:project'] : undefined;
  const deployed = tagged === undefined ? null : await readOwnPlan(target, tagged, arn);
  const { source, notes } = sourceFromHarness(harness, deployed);
  const project = tagged ?? suggestProjectName(harness.harnessName) ?? 'imported';
  const drifted = notes.some((note) => note.code === ImportNoteCode.LiveDiffers);
  return {
    project,
    source,
    specHash: deployed !== null && !drifted ? deployed.specHash : null,
    runtime: null,
    notes,
  };
}

async function readOwnPlan(
  target: DeployTarget,
  project: string,
  arn: HarnessArn,
): Promise<(DeployedImport & { readonly specHash: string | null }) | null> {
  const state = await target.store.state.getState(project);
  if (state?.mode !== 'harness' || state.resource.id !== arn.harnessId) return null;
  try {
    const { plan, source } = await readDeployedSource(target, project, state);
    return { ...source, specHash: plan.specHash };
  } catch (error) {
    // A plan another agentdrop wrote (or one removed) leaves the harness's own configuration.
    if (error instanceof DeployedPlanNotFound) return null;
    throw error;
  }
}
