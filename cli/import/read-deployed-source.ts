import { unzipSync } from 'fflate';
import type { DeployedImport, ImportSkill } from '../../core/import/index.js';
import type { Plan, SkillBundle } from '../../core/plan/index.js';
import { ArtifactKeys } from '../../functions/lib/artifacts.js';
import type { ProjectState } from '../../functions/lib/store/index.js';
import type { DeployTarget } from '../target/deploy-target.js';
import { readRecordedPlan } from '../target/read-stored-plan.js';
import { BuildContextNotFound, DeployedPlanNotFound, ProjectNotDeployed } from './errors.js';

/** A project's deployed plan, with the bytes of its skills. */
export interface DeployedSource {
  readonly plan: Plan;
  readonly source: DeployedImport;
}

/**
 * Reads what a project deployed (`state`: its STATE as the caller read it, null when not deployed): the plan STATE
 * was written from (`plans/<project>/<deployId>.json`), and the skill files it does not carry, from the artifacts
 * bucket — a harness's content-addressed skill prefixes, a runtime's build context (`builds/<project>/<specHash>.zip`, skills under `skills/<name>/`).
 * @throws ProjectNotDeployed, DeployedPlanNotFound, BuildContextNotFound
 */
export async function readDeployedSource(
  target: DeployTarget,
  project: string,
  state: ProjectState | null,
): Promise<DeployedSource> {
  if (state === null) throw new ProjectNotDeployed(project);
  const plan = await readRecordedPlan(target, state);
  if (plan === null) throw new DeployedPlanNotFound(project, state.lastDeployId);
  const skills =
    plan.mode === 'runtime' ? await runtimeSkills(target, plan) : await harnessSkills(target, plan);
  return { plan, source: { ...plan, skills } };
}

function harnessSkills(target: DeployTarget, plan: Plan): Promise<ImportSkill[]> {
  return Promise.all(
    plan.skillBundles.map(async (bundle) =>
      skillOf(bundle, bundle.s3Prefix === null ? new Map() : await target.readObjects(null, bundle.s3Prefix)),
    ),
  );
}

async function runtimeSkills(target: DeployTarget, plan: Plan): Promise<ImportSkill[]> {
  if (plan.skillBundles.length === 0) return [];
  const key = ArtifactKeys.buildContext(plan.project, plan.specHash!);
  const zip = await target.readArtifact(key);
  if (zip === null) throw new BuildContextNotFound(plan.project, key);
  const entries = unzipSync(zip, { filter: (file) => file.name.startsWith('skills/') });
  return plan.skillBundles.map((bundle) => {
    const prefix = `skills/${bundle.name}/`;
    return skillOf(
      bundle,
      new Map(
        Object.entries(entries)
          .filter(([name]) => name.startsWith(prefix) && !name.endsWith('/'))
          .map(([name, bytes]) => [name.slice(prefix.length), bytes]),
      ),
    );
  });
}

/** The bundle with the files of its listing that were found (a missing one shows as a changed content hash). */
function skillOf(bundle: SkillBundle, found: ReadonlyMap<string, Uint8Array>): ImportSkill {
  const files = new Map(
    bundle.files.flatMap((path) => (found.has(path) ? [[path, found.get(path)!] as const] : [])),
  );
  return { ...bundle, files };
}
