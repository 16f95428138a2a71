export { type DiffDeployInput, diffDeploy } from './diff-deploy.js';
export { diffPlans } from './diff-plans.js';
export { ChangeKind, ChangeSubject, type DeployDiff, type PlanChange } from './types.js';
