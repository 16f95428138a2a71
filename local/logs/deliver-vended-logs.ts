import { LogGroupNames } from '../../functions/lib/log-group-names.js';
import type { DeliveryStore } from './delivery-store.js';
import type { LogStore } from './log-store.js';
import type { LogLine } from './start-logs-emulator.js';

/**
 * Writes a service's vended log lines of one type for one resource (an AgentCore runtime's application logs, a
 * harness's usage lines, …) to the destination of each delivery configured for them; without a delivery they go
 * nowhere, as on AWS. `streamName` names the stream in the destination group.
 */
export type VendedLogWriter = (
  resourceArn: string,
  logType: string,
  streamName: string,
  lines: readonly LogLine[],
) => void;

/**
 * Delivers lines to the log group of each delivery whose source is the resource's log type. A destination group
 * that does not exist (deleted after the delivery was made) receives nothing: delivery never creates groups. An
 * XRAY destination's lines (TRACES: one span record each) go to `aws/spans`, which X-Ray writes once CloudWatch
 * Transaction Search is on; the local cloud has it on, as its OTLP receiver does.
 */
export function deliverVendedLogs(
  target: { readonly store: LogStore; readonly deliveries: DeliveryStore; readonly now: number },
  batch: {
    readonly resourceArn: string;
    readonly logType: string;
    readonly streamName: string;
    readonly lines: readonly LogLine[];
  },
): void {
  const { store, deliveries, now } = target;
  for (const destination of destinationsOf(deliveries, batch.resourceArn, batch.logType)) {
    const lines = batch.lines.map((line) => ({ timestamp: line.timestamp ?? now, message: line.message }));
    if (destination.deliveryDestinationType === 'XRAY') {
      store.append(LogGroupNames.spans, LogGroupNames.spansStream, lines, now, true);
      continue;
    }
    const groupName = destination.destinationResourceArn.split(':log-group:')[1];
    if (groupName === undefined || !store.hasGroup(groupName)) continue;
    store.append(groupName, batch.streamName, lines, now, true);
  }
}

/** Whether a resource's log type has a delivery to an existing destination (its lines would land somewhere). */
export function hasVendedDelivery(deliveries: DeliveryStore, resourceArn: string, logType: string): boolean {
  return destinationsOf(deliveries, resourceArn, logType).length > 0;
}

/** The existing destinations of the deliveries whose source is the resource's log type. */
function destinationsOf(deliveries: DeliveryStore, resourceArn: string, logType: string) {
  return deliveries
    .listSources()
    .filter((source) => source.resourceArn === resourceArn && source.logType === logType)
    .flatMap((source) => deliveries.deliveriesOf(source.name))
    .flatMap((delivery) => deliveries.destinationByArn(delivery.deliveryDestinationArn) ?? []);
}
