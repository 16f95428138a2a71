import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { readLogEvents } from '../logs/read-log-events.js';
import { isProjectSpan, type Span, SpansLogGroup, serviceNameOf, spanOf } from './span.js';

/**
 * The project's spans in `aws/spans` since `startTime`, oldest first — of one trace when `traceId` is given:
 * FilterLogEvents narrowed by the service name and the trace id (terms, which the local cloud and AWS both
 * evaluate), then checked span by span.
 */
export async function readProjectSpans(
  logs: CloudWatchLogsClient,
  project: string,
  startTime: number,
  traceId?: string,
): Promise<Span[]> {
  const terms = [serviceNameOf(project), ...(traceId === undefined ? [] : [traceId])];
  const events = await readLogEvents(logs, SpansLogGroup, {
    startTime,
    filterPattern: terms.map((term) => JSON.stringify(term)).join(' '),
  });
  return events
    .map((event) => spanOf(event.message))
    .filter((span): span is Span => span !== null && isProjectSpan(span, project));
}
