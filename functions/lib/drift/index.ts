export { compareFields, type DriftedField } from './compare-fields.js';
export { type DriftReport, detectDrift } from './detect-drift.js';
export { comparableTool, type DeploymentFields, expectedFields } from './expected-fields.js';
export { findRecordedPlan } from './find-recorded-plan.js';
