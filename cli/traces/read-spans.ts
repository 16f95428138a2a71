import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { readLogEvents } from '../logs/read-log-events.js';
import { isProjectSpan, type Span, SpansLogGroup, serviceNameOf, spanOf } from './span.js';

/**
 * The project's spans in `aws/spans` since `startTime`, oldest first — of one trace when `traceId` is given: the
 * runtime agent's own (its service name) and AgentCore's of the project's deployed resource (its ARN, when
 * known). FilterLogEvents is narrowed by the trace id, or else by either of those terms (which the local cloud
 * and AWS both evaluate), then each span is checked.
 */
export async function readProjectSpans(
  logs: CloudWatchLogsClient,
  project: string,
  startTime: number,
  options: { readonly traceId?: string; readonly resourceArn?: string | null } = {},
): Promise<Span[]> {
  const { traceId, resourceArn } = options;
  const anyOf = [serviceNameOf(project), ...(resourceArn ? [resourceArn] : [])];
  const filterPattern =
    traceId !== undefined
      ? JSON.stringify(traceId)
      : anyOf.length === 1
        ? JSON.stringify(anyOf[0])
        : anyOf.map((term) => `?${JSON.stringify(term)}`).join(' ');
  const events = await readLogEvents(logs, SpansLogGroup, { startTime, filterPattern });
  return events
    .map((event) => spanOf(event.message))
    .filter((span): span is Span => span !== null && isProjectSpan(span, project, resourceArn ?? undefined));
}
