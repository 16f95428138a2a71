import { AgentdropError } from '../../core/errors.js';

/** `invoke` names a project the target knows but that has no deployed resource (a failed first deploy). */
export class ProjectNotDeployed extends AgentdropError {
  constructor(project: string) {
    super(
      'ProjectNotDeployed',
      `Project ${project} has no deployed harness or runtime; deploy it with \`agentdrop push <dir>\` (\`agentdrop status ${project}\` shows its last deploys).`,
      { project },
    );
  }
}

/** The agent answered with an error, or not at all. */
export class InvokeFailed extends AgentdropError {
  constructor(project: string, sessionId: string, detail: string) {
    super('InvokeFailed', `${project} did not answer: ${detail}`, { project, sessionId });
  }
}
