import type { FileTree } from '../bundle/index.js';
import { DeployMode, type Plan } from '../plan/index.js';
import { RuntimeTemplate, RuntimeTemplateHash } from '../runtime-template/index.js';
import { CompileError, CompileErrorName } from './errors.js';
import { renderBuildNotes } from './render-build-notes.js';
import { buildTeamManifest } from './team-manifest.js';
import type { BuildContext } from './types.js';

/**
 * Compiles a deployable runtime plan into a container build context (DESIGN §4.5): the runtime template
 * (`agent.mjs` and its modules, runnable as `node agent.mjs`; `package.json` and `package-lock.json` with
 * exact versions; `Dockerfile`; `.dockerignore`), `team.json` (the roster), `NOTES.md` and every skill bundle
 * under `skills/<name>/`, copied byte for byte from the tree. Content-addressed: everything in the context is
 * either derived from the plan or part of the template whose hash the plan's specHash covers. Pure: the same
 * plan and tree always give the same files. Never holds a secret value, only variable names.
 *
 * @throws CompileError `PlanNotDeployable` when the plan has errors; `NotRuntimePlan` for a harness plan;
 *   `TemplateMismatch` when the plan was made with another runtime template; `PlanTreeMismatch` when the
 *   plan names a skill file or agent the tree or roster lacks.
 */
export function compileRuntime(plan: Plan, tree: FileTree): BuildContext {
  assertCompilable(plan);
  const encoder = new TextEncoder();
  const files = new Map<string, Uint8Array>();
  for (const [path, text] of Object.entries(RuntimeTemplate)) files.set(path, encoder.encode(text));
  addRosterFiles(plan, tree, files);
  return { files };
}

/**
 * Checks a plan can be compiled by this compiler: deployable, Runtime, made with this runtime template.
 * @throws CompileError `PlanNotDeployable`, `NotRuntimePlan` or `TemplateMismatch`.
 */
export function assertCompilable(plan: Plan): void {
  if (!plan.deployable || plan.mode === null) {
    throw new CompileError(
      CompileErrorName.PlanNotDeployable,
      `The plan for ${plan.project} is not deployable; fix its error diagnostics first.`,
      { project: plan.project },
    );
  }
  if (plan.mode !== DeployMode.Runtime) {
    throw new CompileError(
      CompileErrorName.NotRuntimePlan,
      'harness mode needs no container (use --mode runtime to build one anyway)',
      { project: plan.project, mode: plan.mode },
    );
  }
  if (plan.templateHash !== RuntimeTemplateHash) {
    throw new CompileError(
      CompileErrorName.TemplateMismatch,
      `The plan for ${plan.project} was made with another runtime template; plan the drop again with this compiler.`,
      { project: plan.project, planTemplateHash: plan.templateHash, templateHash: RuntimeTemplateHash },
    );
  }
}

/**
 * Adds what every runtime carries beside its program: `team.json`, `NOTES.md` and each skill bundle under
 * `skills/<name>/`, copied byte for byte from the tree.
 * @throws CompileError `PlanTreeMismatch` when the plan names a skill file or agent the tree or roster lacks.
 */
export function addRosterFiles(plan: Plan, tree: FileTree, files: Map<string, Uint8Array>): void {
  const encoder = new TextEncoder();
  const team = buildTeamManifest(plan);
  files.set('team.json', encoder.encode(`${JSON.stringify(team, null, 2)}\n`));
  files.set('NOTES.md', encoder.encode(renderBuildNotes(plan, team)));
  for (const bundle of plan.skillBundles) {
    const source = bundle.source.replace(/\/+$/, '');
    for (const path of bundle.files) {
      const bytes = tree.files.get(source === '' ? path : `${source}/${path}`);
      if (bytes === undefined) {
        throw new CompileError(
          CompileErrorName.PlanTreeMismatch,
          `Skill ${bundle.name} lists ${path}, which is not in the drop under ${source}.`,
          { skill: bundle.name, path },
        );
      }
      files.set(`skills/${bundle.name}/${path}`, bytes);
    }
  }
}
