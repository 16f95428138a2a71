/** A log event as FilterLogEvents returns it. */
export interface FunctionLogEvent {
  readonly message: string;
}

/** The request id a Lambda log line belongs to: `RequestId: <id>` (START/END/REPORT) or the JSON line's `function_request_id`. */
export function requestIdOf(message: string): string | null {
  return (
    /RequestId: ([0-9a-f-]{36})/.exec(message)?.[1] ??
    /"function_request_id":"([^"]+)"/.exec(message)?.[1] ??
    null
  );
}

/**
 * The lines of a function's log that belong to one deploy: every line of each invocation (same request id,
 * START to REPORT) in which some line carries the deploy id, in their order. Other runs' invocations, which
 * share the function's log group, are left out.
 */
export function correlateInvocations<T extends FunctionLogEvent>(
  events: readonly T[],
  deployId: string,
): T[] {
  return invocationCorrelator<T>(deployId).push(events);
}

/** {@link correlateInvocations} over events that come in batches (`logs --follow` reads new lines each poll). */
export interface InvocationCorrelator<T extends FunctionLogEvent> {
  /**
   * The deploy's lines among `events` and the lines of earlier batches held until now: an invocation's START
   * line comes before the line naming the deploy, and its END and REPORT lines name no deploy.
   */
  push(events: readonly T[]): T[];
}

export function invocationCorrelator<T extends FunctionLogEvent>(deployId: string): InvocationCorrelator<T> {
  const mine = new Set<string>();
  // Lines of invocations not (yet) known to be the deploy's, by request id: the function's window holds them.
  const held = new Map<string, T[]>();
  return {
    push(events) {
      for (const event of events) {
        if (!event.message.includes(deployId)) continue;
        const id = requestIdOf(event.message);
        if (id !== null) mine.add(id);
      }
      const found: T[] = [];
      for (const id of mine) {
        found.push(...(held.get(id) ?? []));
        held.delete(id);
      }
      for (const event of events) {
        const id = requestIdOf(event.message);
        if (id === null) {
          if (event.message.includes(deployId)) found.push(event);
        } else if (mine.has(id)) {
          found.push(event);
        } else {
          held.set(id, [...(held.get(id) ?? []), event]);
        }
      }
      return found;
    },
  };
}
