import { createHash } from 'node:crypto';
import type { FileTree } from '../bundle/index.js';
import type { Plan } from '../plan/index.js';
import { addRosterFiles, assertCompilable } from './compile-runtime.js';
import { CompileError, CompileErrorName } from './errors.js';
import type { BuildContext } from './types.js';

/**
 * Compiles a runtime plan that ships as code into its direct code deployment package (agentcore-api.md §11): the
 * pre-bundled agent (one ESM file with every dependency inside) at the plan's entry point, beside `team.json`,
 * `NOTES.md` and the skill bundles, exactly as a container's build context carries them. Content-addressed: the
 * agent's bytes must be the ones whose hash the plan's specHash covers. Pure; never holds a secret value.
 *
 * @throws CompileError `PlanNotDeployable`, `NotRuntimePlan`, `TemplateMismatch` as {@link compileRuntime} does;
 *   `NotCodePlan` for a runtime that ships as a container; `AgentBundleMismatch` when `agentBundle` is not the
 *   bundle the plan was made with; `PlanTreeMismatch` when the plan names a skill file the tree lacks.
 */
export function compileCodePackage(plan: Plan, tree: FileTree, agentBundle: Uint8Array): BuildContext {
  assertCompilable(plan);
  const code = plan.code;
  if (code === undefined) {
    throw new CompileError(
      CompileErrorName.NotCodePlan,
      `The plan for ${plan.project} ships its runtime as a container image, not as code.`,
      { project: plan.project },
    );
  }
  const sha256 = createHash('sha256').update(agentBundle).digest('hex');
  if (sha256 !== code.agentBundleHash) {
    throw new CompileError(
      CompileErrorName.AgentBundleMismatch,
      `The runtime agent bundle (sha256 ${sha256}) is not the one the plan for ${plan.project} was made with; plan the drop again with this compiler.`,
      { project: plan.project, planAgentBundleHash: code.agentBundleHash, agentBundleHash: sha256 },
    );
  }
  const files = new Map<string, Uint8Array>([[code.entryPoint[0]!, agentBundle]]);
  addRosterFiles(plan, tree, files);
  return { files };
}
