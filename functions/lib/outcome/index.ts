export { type BuildOutcomeOptions, buildOutcome, type LiveVersion } from './build-outcome.js';
export { describeFailure, type FailureDescription } from './describe-failure.js';
