import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LogGroupNames } from '../../functions/lib/log-group-names.js';
import { MaxEventsPerGroup, readNewestLogEvents } from '../logs/read-log-events.js';
import { isProjectSpan, type Span, serviceNameOf, spanOf } from './span.js';

/** The project's spans read, and when the cap left older span events out, the time of the oldest kept. */
export interface SpansRead {
  readonly spans: Span[];
  /** Epoch milliseconds; null when nothing was left out. */
  readonly cutBefore: number | null;
}

/**
 * The project's newest spans in `aws/spans` from `startTime` to `now` (at most `maxEvents` span events), oldest
 * first — of one trace when `traceId` is given: the runtime agent's own (its service name) and AgentCore's of the
 * project's deployed resource (its ARN, when known). FilterLogEvents is narrowed by the trace id, or else by
 * either of those terms (which the local cloud and AWS both evaluate), then each span is checked.
 */
export async function readProjectSpans(
  logs: CloudWatchLogsClient,
  project: string,
  window: { readonly startTime: number; readonly now: number; readonly maxEvents?: number },
  options: { readonly traceId?: string; readonly resourceArn?: string | null } = {},
): Promise<SpansRead> {
  const { traceId, resourceArn } = options;
  const anyOf = [serviceNameOf(project), ...(resourceArn ? [resourceArn] : [])];
  const filterPattern =
    traceId !== undefined
      ? JSON.stringify(traceId)
      : anyOf.length === 1
        ? JSON.stringify(anyOf[0])
        : anyOf.map((term) => `?${JSON.stringify(term)}`).join(' ');
  const read = await readNewestLogEvents(
    logs,
    LogGroupNames.spans,
    { startTime: window.startTime, endTime: window.now, filterPattern },
    { maxEvents: window.maxEvents ?? MaxEventsPerGroup },
  );
  const spans = read.events
    .map((event) => spanOf(event.message ?? ''))
    .filter((span): span is Span => span !== null && isProjectSpan(span, project, resourceArn ?? undefined));
  return { spans, cutBefore: read.cutBefore };
}
