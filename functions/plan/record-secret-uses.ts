import type { PipelineDeps } from '../lib/pipeline-deps.js';

/**
 * Points the secret-use index at what the project now runs: the secret names its deployed plan binds, or none
 * after a teardown (`planKey` null). Rotating one of them then redeploys the project (docs/state-machine.md §9).
 */
export async function recordSecretUses(
  project: string,
  planKey: string | null,
  deps: PipelineDeps,
): Promise<void> {
  const names = planKey
    ? ((await deps.artifacts.getJson<{ secretNames?: string[] }>(planKey)).secretNames ?? [])
    : [];
  await deps.store.secretUses.replace(project, names);
}
