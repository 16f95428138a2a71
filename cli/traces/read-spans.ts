import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { readLogEvents } from '../logs/read-log-events.js';
import { isProjectSpan, type Span, SpansLogGroup, serviceNameOf, spanOf } from './span.js';

/**
 * The project's spans in `aws/spans` since `startTime`, oldest first: FilterLogEvents narrowed by the service name
 * (a term pattern, which the local cloud and AWS both evaluate), then checked span by span.
 */
export async function readProjectSpans(
  logs: CloudWatchLogsClient,
  project: string,
  startTime: number,
): Promise<Span[]> {
  const events = await readLogEvents(logs, SpansLogGroup, {
    startTime,
    filterPattern: JSON.stringify(serviceNameOf(project)),
  });
  return events
    .map((event) => spanOf(event.message))
    .filter((span): span is Span => span !== null && isProjectSpan(span, project));
}
