import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { MaxEventsPerGroup, readNewestLogEvents } from '../logs/read-log-events.js';
import { isProjectSpan, type Span, SpansLogGroup, serviceNameOf, spanOf } from './span.js';

/** The project's spans read, and when the cap left older span events out, the time of the oldest kept. */
export interface SpansRead {
  readonly spans: Span[];
  /** Epoch milliseconds; null when nothing was left out. */
  readonly cutBefore: number | null;
}

/**
 * The project's newest spans in `aws/spans` from `startTime` to `now` (at most `maxEvents` span events), oldest
 * first — of one trace when `traceId` is given: FilterLogEvents narrowed by the service name and the trace id
 * (terms, which the local cloud and AWS both evaluate), then checked span by span.
 */
export async function readProjectSpans(
  logs: CloudWatchLogsClient,
  project: string,
  window: { readonly startTime: number; readonly now: number; readonly maxEvents?: number },
  traceId?: string,
): Promise<SpansRead> {
  const terms = [serviceNameOf(project), ...(traceId === undefined ? [] : [traceId])];
  const read = await readNewestLogEvents(
    logs,
    SpansLogGroup,
    {
      startTime: window.startTime,
      endTime: window.now,
      filterPattern: terms.map((term) => JSON.stringify(term)).join(' '),
    },
    { maxEvents: window.maxEvents ?? MaxEventsPerGroup },
  );
  const spans = read.events
    .map((event) => spanOf(event.message ?? ''))
    .filter((span): span is Span => span !== null && isProjectSpan(span, project));
  return { spans, cutBefore: read.cutBefore };
}
