export type { ContextValue, IamDecision, IamEvaluator, IamRequest } from './iam-evaluator.js';
export { createIamEvaluator } from './iam-evaluator.js';
export { iamTemplateOf } from './iam-template-of.js';
export { LocalStackTemplatePath, localStackTemplate } from './local-stack-template.js';
export type { CfnResource, CfnTemplate, DeployTarget } from './resolve-intrinsic.js';
export { resolveDeployTarget, resolveIntrinsic } from './resolve-intrinsic.js';
export type { PolicyDocumentJson, PolicyStatementJson, RoleIdentity } from './role-policies.js';
export { rolePoliciesFromTemplate } from './role-policies.js';
