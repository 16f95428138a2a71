import type { Diagnostic } from '../diagnostics/index.js';
import { sortDiagnostics } from '../diagnostics/index.js';
import { CompilerVersion } from './compiler-version.js';
import { DefaultRegion, DefaultSmokePrompt, type PlanOptions } from './plan-deploy.js';
import type { Plan } from './types.js';

/** The plan of a drop that could not be planned (bad name, bundle or layout): every diagnostic, nothing to deploy. */
export function emptyPlan(options: PlanOptions, diagnostics: Diagnostic[]): Plan {
  return {
    planVersion: 1,
    compilerVersion: CompilerVersion,
    project: options.project,
    mode: null,
    reason: 'not planned: the drop has errors',
    region: options.region ?? options.stackRegion ?? DefaultRegion,
    name: null,
    nameTruncated: false,
    root: null,
    agents: [],
    skillBundles: [],
    builtinToolTypes: [],
    ecrRepository: null,
    imageTag: null,
    templateHash: null,
    memory: false,
    smoke: { prompt: DefaultSmokePrompt, expect: null },
    force: false,
    secretNames: [],
    secretBindings: [],
    diagnostics: sortDiagnostics(diagnostics),
    deployable: false,
    specHash: null,
    fingerprint: null,
  };
}
