export { CodePackageLimits, checkCodeZipSize } from './artifact.js';
export { DefaultRuntimeBuiltins, type RuntimeBuiltinSupport } from './builtins.js';
export { canonicalJson } from './canonical-json.js';
export { CompilerVersion } from './compiler-version.js';
export { MemoryNamespaces, MemoryStrategies, MemoryStrategy } from './memory-strategies.js';
export { DefaultModel, regionPrefix, resolveModel } from './models.js';
export { DefaultRegion, DefaultSmokePrompt, type PlanOptions, planDeploy } from './plan-deploy.js';
export {
  type AgentCoreQuotaName,
  AgentCoreQuotas,
  AgentCoreServiceCode,
  defaultQuotaLimits,
  preflightQuotas,
  preflightTarget,
  type QuotaUse,
  type TargetLimits,
} from './preflight/index.js';
export { isValidProjectName, suggestProjectName, validateProjectName } from './project-name.js';
export {
  boundedName,
  ecrRepositoryName,
  memoryName,
  NameLimits,
  type ResourceName,
  resourceName,
  skillPrefix,
} from './resource-names.js';
export { PipelineRuntimeVariables, pipelineVariableCount } from './runtime-variables.js';
export { DefaultSecretPrefix, MaxRuntimeEnvVars } from './secret-bindings.js';
export { fingerprint, specHash } from './spec-hash.js';
export {
  decideState,
  type LiveResource,
  type RecordedTarget,
  StateDecision,
  type StateDecisionInput,
} from './state-decision.js';
export * from './types.js';
