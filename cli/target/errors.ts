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

/**
 * A command names a project the target has never seen: no STATE item, no receipt and, where the target can
 * tell, no drop in its bucket. Nothing was written.
 */
export class ProjectNotFound extends AgentdropError {
  constructor(project: string, known: readonly string[], where: string) {
    super(
      'ProjectNotFound',
      `Project ${project} does not exist ${where} (no state, no receipts, no drop); ${
        known.length > 0
          ? `known projects: ${known.join(', ')}.`
          : 'no projects yet: deploy one with `agentdrop push <dir>`.'
      }`,
      { project, known: known.join(',') },
    );
  }
}

/** The stack has no `ArtifactsBucketName` output, so the plans its deploys stored cannot be read. */
export class ArtifactsBucketUnknown extends AgentdropError {
  constructor(stack: string) {
    super(
      'ArtifactsBucketUnknown',
      `Stack ${stack} has no output ArtifactsBucketName, so its stored plans cannot be read; redeploy it with \`npx cdk deploy\`.`,
      { stack },
    );
  }
}
