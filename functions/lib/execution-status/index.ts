/**
 * Final status of a run, named as Step Functions names execution statuses; the local runner ends its runs with
 * the same values. A module of its own so that readers of a run (the CLI) need not load the runner.
 */
export const ExecutionStatus = {
  Succeeded: 'SUCCEEDED',
  Failed: 'FAILED',
  Aborted: 'ABORTED',
  TimedOut: 'TIMED_OUT',
} as const;
export type ExecutionStatus = (typeof ExecutionStatus)[keyof typeof ExecutionStatus];
