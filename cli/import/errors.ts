import { AgentdropError } from '../../core/errors.js';

/** `import` found the project but no deployed agent to import (no STATE: never deployed, or destroyed). */
export class ProjectNotDeployed extends AgentdropError {
  constructor(project: string) {
    super(
      'ProjectNotDeployed',
      `Project ${project} has no deployed agent to import (its deploys failed, or it was destroyed); see \`agentdrop status ${project}\`.`,
      { project },
    );
  }
}

/** The plan STATE was written from is missing from the artifacts bucket, or is of another plan schema. */
export class DeployedPlanNotFound extends AgentdropError {
  constructor(project: string, deployId: string) {
    super(
      'DeployedPlanNotFound',
      `The plan of ${project}'s deploy ${deployId} is not in the artifacts bucket (or was written by another agentdrop); import the harness by its ARN instead.`,
      { project, deployId },
    );
  }
}

/** The build context of a deployed runtime, which holds its skill files, is missing from the artifacts bucket. */
export class BuildContextNotFound extends AgentdropError {
  constructor(project: string, key: string) {
    super(
      'BuildContextNotFound',
      `The build context of ${project} (${key}) is not in the artifacts bucket, so its skills cannot be read.`,
      { project, key },
    );
  }
}
