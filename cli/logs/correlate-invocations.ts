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
  const requests = new Set<string>();
  for (const event of events) {
    if (!event.message.includes(deployId)) continue;
    const id = requestIdOf(event.message);
    if (id !== null) requests.add(id);
  }
  return events.filter((event) => {
    const id = requestIdOf(event.message);
    return id === null ? event.message.includes(deployId) : requests.has(id);
  });
}
