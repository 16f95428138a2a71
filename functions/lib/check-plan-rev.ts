import { StalePlanError } from './errors.js';
import type { StateStore } from './store/index.js';

/** Re-reads STATE `rev` after the lock; a moved rev means another run deployed meanwhile (DESIGN §7). */
export async function checkPlanRev(state: StateStore, project: string, expectedRev: number): Promise<void> {
  const actualRev = await state.getRev(project);
  if (actualRev !== expectedRev) throw new StalePlanError({ project, expectedRev, actualRev });
}
