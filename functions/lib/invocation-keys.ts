/** What ties a pipeline function's log lines to a run: every line carries these keys when the event has them. */
export interface InvocationKeys {
  readonly action?: string;
  readonly project?: string;
  /** The deploy id: `agentdrop logs <project> <deployId>` finds a run's lines by it. */
  readonly deployId?: string;
}

/** The line each pipeline function logs when an invocation completes (with {@link InvocationKeys}). */
export const InvocationCompletedMessage = 'invocation completed';

/**
 * The correlation keys of an invocation, from its event (`{action, plan: {deployId, project}}`, a Replan's
 * `deployId`, a record's `document.plan`) and, when given, its result (the Plan function returns the decision
 * that names the deploy id it chose). Only string values are taken; never anything else of the event.
 */
export function invocationKeys(event: unknown, result?: unknown): InvocationKeys {
  const found: { action?: string; project?: string; deployId?: string } = {};
  const take = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    for (const key of ['action', 'project', 'deployId'] as const) {
      const field = record[key];
      if (found[key] === undefined && typeof field === 'string' && field !== '') found[key] = field;
    }
  };
  const event_ = event as { plan?: unknown; document?: { plan?: unknown } } | null;
  take(event_);
  take(event_?.plan);
  take(event_?.document?.plan);
  const result_ = result as { plan?: unknown } | null | undefined;
  take(result_);
  take(result_?.plan);
  return found;
}
