import type { Plan } from '../../core/plan/index.js';

/**
 * The plan as the pipeline stores it (`plans/<project>/<deployId>.json`): the offline plan with secret
 * version ids and the fingerprint filled in by the pre-flight, plus the secret ARNs the deploy steps
 * need. Names, ids and ARNs only — never a secret value.
 */
export interface PlannedArtifact extends Plan {
  /** `NAME` → secret ARN, from the pre-flight. */
  readonly secretArns: Readonly<Record<string, string>>;
}
