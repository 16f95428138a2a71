export {
  type AgentCoreQuota,
  type AgentCoreQuotaName,
  AgentCoreQuotas,
  AgentCoreServiceCode,
  defaultQuotaLimits,
} from './agentcore-quotas.js';
export { AgentCoreRegionsSource, HarnessRegions, RuntimeRegions } from './agentcore-regions.js';
export { InferenceGeosSource } from './inference-geos.js';
export { preflightQuotas, type QuotaUse } from './preflight-quotas.js';
export { preflightTarget, type TargetLimits } from './preflight-target.js';
