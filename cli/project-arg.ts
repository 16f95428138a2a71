import { suggestProjectName, validateProjectName } from '../core/plan/index.js';
import type { ProjectState, Receipt } from '../functions/lib/store/index.js';
import { InvalidProjectName } from './errors.js';
import type { DeployTarget } from './target/deploy-target.js';
import { ProjectNotFound } from './target/errors.js';

/**
 * Checks a project name from the command line (spec §1.1) before anything is read or written. `source` says how
 * it was given, so the suggestion reads as the fix: `use --project helper-1` for a name taken from a folder or
 * `--project`, `did you mean helper-1?` for a project argument.
 * @throws InvalidProjectName (`project.invalid_name`)
 */
export function checkProjectName(project: string, source: 'argument' | 'flag'): void {
  if (validateProjectName(project) === null) return;
  const suggestion = suggestProjectName(project);
  const fix =
    suggestion === null
      ? ''
      : source === 'flag'
        ? `; use --project ${suggestion}`
        : `; did you mean ${suggestion}?`;
  throw new InvalidProjectName(
    project,
    `Project name ${JSON.stringify(project)} is not valid: it must match ^[a-z][a-z0-9-]{0,29}$, not end with '-' and not contain '--'${fix}`,
    suggestion,
  );
}

/**
 * What to pass instead of an invalid project name taken from a folder, a zip or `--project` (`use --project
 * helper-1`); null for a valid name or one nothing valid can be derived from.
 */
export function projectFlagHint(project: string): string | null {
  if (validateProjectName(project) === null) return null;
  const suggestion = suggestProjectName(project);
  return suggestion === null ? null : `use --project ${suggestion}`;
}

/** What {@link requireProject} read to find the project, so its caller does not read it again. */
export interface KnownProject {
  /** Null for a project not deployed yet (or torn down) that has a receipt or a drop. */
  readonly state: ProjectState | null;
  /** The newest receipt; null while the first run has not written one. */
  readonly latestReceipt: Receipt | null;
}

/**
 * Checks that the target knows `project` (a STATE item, a receipt, or a drop in its bucket where the target can
 * tell), so that a command on a mistyped name writes nothing: no drop deleted, no event, no receipt.
 * @throws InvalidProjectName, ProjectNotFound (naming the known projects)
 */
export async function requireProject(target: DeployTarget, project: string): Promise<KnownProject> {
  checkProjectName(project, 'argument');
  const [state, receipts] = await Promise.all([
    target.store.state.getState(project),
    target.store.receipts.listReceipts(project, { limit: 1 }),
  ]);
  const known: KnownProject = { state, latestReceipt: receipts[0] ?? null };
  if (state !== null || known.latestReceipt !== null) return known;
  // A drop whose first run has not written a receipt yet (push --no-follow) is a project too.
  if (await target.hasDrop(project)) return known;
  const projects = (await target.listStates()).map((each) => each.project);
  throw new ProjectNotFound(project, projects, target.kind === 'aws' ? 'on the stack' : 'in the local cloud');
}
