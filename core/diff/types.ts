import type { Diagnostic } from '../diagnostics/index.js';
import type { StateDecision } from '../plan/index.js';

/** What happened to one item between the deployed plan and the new one. */
export const ChangeKind = { Added: 'added', Removed: 'removed', Changed: 'changed' } as const;
export type ChangeKind = (typeof ChangeKind)[keyof typeof ChangeKind];

/** The kinds of items a diff compares, in the order it lists them. */
export const ChangeSubject = {
  /** Mode, region, resource name, entry agent, memory and its strategies. */
  Setting: 'setting',
  Agent: 'agent',
  Model: 'model',
  Skill: 'skill',
  McpServer: 'mcp',
  SecretBinding: 'secret',
  Builtin: 'builtin',
} as const;
export type ChangeSubject = (typeof ChangeSubject)[keyof typeof ChangeSubject];

/** One added, removed or changed item. Names and hashes only, never a secret value. */
export interface PlanChange {
  readonly subject: ChangeSubject;
  readonly kind: ChangeKind;
  /**
   * The item: a setting (`mode`), an agent, a model's agent, a skill, `<agent>/<server>`,
   * `<agent>/<server>/<header>` for a secret binding, `<agent>/<built-in>`.
   */
  readonly name: string;
  /** What differs, for a person (`model us.…haiku… → us.…sonnet…`, `files + labels.csv`); null when obvious. */
  readonly detail: string | null;
}

/**
 * What a push would do (the pipeline's own decision, spec §11) and what differs from the deployed plan.
 * `decision` is `invalid` when the drop would be rejected (its errors in `diagnostics`).
 */
export interface DeployDiff {
  readonly project: string;
  readonly decision: StateDecision | 'invalid';
  /** Why, for a person. */
  readonly reason: string;
  readonly changes: readonly PlanChange[];
  /** Errors that would reject the drop (the offline plan's, and missing secrets). */
  readonly diagnostics: readonly Diagnostic[];
  readonly specHash: { readonly before: string | null; readonly after: string | null };
  readonly fingerprint: { readonly before: string | null; readonly after: string | null };
  /** Whether the deployed plan could be read; without it the changes are listed against nothing. */
  readonly previousPlan: boolean;
}
