import { AgentdropError } from '../../core/errors.js';

/** The stack named by `--stack` or `AGENTDROP_STACK` does not exist in the account and region. */
export class StackNotFound extends AgentdropError {
  constructor(stack: string, region: string | undefined, options?: ErrorOptions) {
    super(
      'StackNotFound',
      `Stack ${stack} was not found${region ? ` in ${region}` : ''}; check the name, AWS_REGION and the credentials' account, or deploy it with \`npx cdk deploy\` (docs/aws.md).`,
      { stack, region },
      undefined,
      options,
    );
  }
}

/** The stack exists but lacks an output the CLI reads (an older or foreign stack). */
export class StackOutputMissing extends AgentdropError {
  constructor(stack: string, output: string) {
    super(
      'StackOutputMissing',
      `Stack ${stack} has no output ${output}; is it an AgentDrop stack? Redeploy it with \`npx cdk deploy\`.`,
      { stack, output },
    );
  }
}

/** No execution of the state machine started for an action within the discovery time. */
export class ExecutionNotFound extends AgentdropError {
  constructor(what: string, stateMachineArn: string, waitedMs: number) {
    super(
      'ExecutionNotFound',
      `No execution started for ${what} within ${Math.round(waitedMs / 1000)} s; check the stack's EventBridge rules and DLQ, or run \`agentdrop status\` later.`,
      { what, stateMachineArn, waitedMs },
    );
  }
}

/** A followed execution was still running when the follow timeout ran out. */
export class FollowTimedOut extends AgentdropError {
  constructor(executionArn: string, waitedMs: number) {
    super(
      'FollowTimedOut',
      `Execution ${executionArn} is still running after ${Math.round(waitedMs / 1000)} s; it goes on without the CLI (see \`agentdrop status\`).`,
      { executionArn, waitedMs },
    );
  }
}

/** EventBridge rejected the `Redeploy Requested` entry. */
export class RedeployNotPublished extends AgentdropError {
  constructor(project: string, errorCode: string, message: string) {
    super('RedeployNotPublished', `Redeploy Requested for ${project} was rejected: ${errorCode} ${message}`, {
      project,
      errorCode,
    });
  }
}
