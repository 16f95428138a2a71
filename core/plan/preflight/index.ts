export { AgentCoreRegionsSource, HarnessRegions, RuntimeRegions } from './agentcore-regions.js';
export { InferenceGeosSource } from './inference-geos.js';
export { preflightTarget, type TargetLimits } from './preflight-target.js';
