import { type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { executionNameFor } from '../lib/execution-name.js';

/** What the starter needs. */
export interface StartRunDeps {
  readonly sfn: SFNClient;
  readonly stateMachineArn: string;
  readonly now: () => Date;
}

/** The execution a trigger started. */
export interface StartedRun {
  readonly executionArn: string;
  readonly name: string;
}

/**
 * Target of the rules that start deploys (drop created or deleted, Redeploy Requested): starts one execution
 * of the state machine whose input is the raw event, named `<project>-<deploy id>` so the Step Functions
 * console reads as a list of projects' deploys (DESIGN §1; docs/state-machine.md §10). A redelivered event
 * starts a second run under another name, which its Plan step skips as a duplicate, as before the starter.
 */
export function createStartRun(deps: StartRunDeps): (event: unknown) => Promise<StartedRun> {
  return async (event) => {
    const name = executionNameFor(event, deps.now());
    const { executionArn } = await deps.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: deps.stateMachineArn,
        name,
        input: JSON.stringify(event),
      }),
    );
    return { executionArn: executionArn ?? '', name };
  };
}
