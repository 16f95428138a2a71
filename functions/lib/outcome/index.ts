export { type BuildOutcomeOptions, buildOutcome } from './build-outcome.js';
export { describeFailure, type FailureDescription } from './describe-failure.js';
