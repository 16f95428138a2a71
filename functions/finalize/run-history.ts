/**
 * The states whose exit means the run's outcome event left: the outcome publishes of docs/state-machine.md
 * §3 (`Deploy Started` and `Redeploy Requested` are no outcomes).
 */
export const OutcomePublishStates: readonly string[] = [
  'PublishDeploySkipped',
  'PublishDeployQueued',
  'PublishDeployFailed',
  'PublishOutcome',
];

/** What the finalizer needs to know about how a run ended, read from its execution history. */
export interface RunHistory {
  /** An outcome publish state exited: the run's outcome event was published by the run itself. */
  readonly outcomePublished: boolean;
  /** The input of the last state the run entered: the execution document as far as the run got. */
  readonly lastDocument: unknown;
  /** The last state the run entered, or null when it entered none. */
  readonly lastState: string | null;
}

/** Reads a run's {@link RunHistory}: `GetExecutionHistory` on AWS, the runner's event log locally. */
export type RunHistoryReader = (executionArn: string) => Promise<RunHistory>;
