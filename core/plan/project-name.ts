import { type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';

const ProjectName = /^[a-z][a-z0-9-]{0,29}$/;

/** Checks a project name (spec §1.1); returns the `project.invalid_name` diagnostic or null. */
export function validateProjectName(project: string): Diagnostic | null {
  if (ProjectName.test(project) && !project.endsWith('-') && !project.includes('--')) return null;
  return makeDiagnostic(
    'project.invalid_name',
    'project',
    `Project name ${JSON.stringify(project)} must match ^[a-z][a-z0-9-]{0,29}$, not end with '-' and not contain '--'.`,
  );
}
