import type { Diagnostic } from '../core/diagnostics/index.js';
import { AgentdropError } from '../core/errors.js';

/** A project name on the command line fails spec §1.1; the message names a valid one when there is one. */
export class InvalidProjectName extends AgentdropError {
  constructor(project: string, message: string, suggestion: string | null) {
    super('InvalidProjectName', message, { project, suggestion }, 'project.invalid_name');
  }
}

/** `push` refused a drop the offline check finds not deployable; nothing was uploaded. */
export class DropNotDeployable extends AgentdropError {
  constructor(
    project: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(
      'DropNotDeployable',
      `${project}: the drop is not deployable (${diagnostics.length} error(s)); nothing was uploaded.`,
      { project, errors: diagnostics.length },
      diagnostics[0]?.code,
    );
  }
}

/** `build` refused a drop: not deployable, or a harness plan, which needs no container. */
export class BuildRefused extends AgentdropError {
  constructor(
    project: string,
    message: string,
    readonly diagnostics: readonly Diagnostic[] = [],
  ) {
    super('BuildRefused', message, { project, errors: diagnostics.length }, diagnostics[0]?.code);
  }
}
