import { type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';

const ProjectName = /^[a-z][a-z0-9-]{0,29}$/;
const MaxProjectNameLength = 30;

/**
 * Checks a project name (spec §1.1); returns the `project.invalid_name` diagnostic or null. The message
 * names a valid neighbour when {@link suggestProjectName} finds one.
 */
export function validateProjectName(project: string): Diagnostic | null {
  if (isValidProjectName(project)) return null;
  const suggestion = suggestProjectName(project);
  return makeDiagnostic(
    'project.invalid_name',
    'project',
    `Project name ${JSON.stringify(project)} must match ^[a-z][a-z0-9-]{0,29}$, not end with '-' and not contain '--'${suggestion ? `; ${JSON.stringify(suggestion)} would be valid` : ''}.`,
  );
}

/** Whether `project` is a valid project name (spec §1.1). */
export function isValidProjectName(project: string): boolean {
  return ProjectName.test(project) && !project.endsWith('-') && !project.includes('--');
}

/**
 * The valid project name closest to a folder or zip base name (spec §1.1 takes the base name as the project):
 * the `.zip` suffix dropped, accents removed, lower-cased, every run of other characters turned into one `-`,
 * leading non-letters and trailing `-` trimmed, cut to 30 characters. `Helper (1).zip` → `helper-1`. Null when
 * nothing valid is left (`2024`, `???`).
 */
export function suggestProjectName(name: string): string | null {
  const folded = name
    .replace(/\.zip$/i, '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, MaxProjectNameLength)
    .replace(/-+$/, '');
  return isValidProjectName(folded) ? folded : null;
}
