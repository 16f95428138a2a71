import { createHash } from 'node:crypto';
import {
  type CloudWatchLogsClient,
  CreateDeliveryCommand,
  DeleteDeliveryCommand,
  DeleteDeliverySourceCommand,
  type Delivery,
  DescribeDeliveriesCommand,
  PutDeliverySourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { AgentLogDestinations } from '../config.js';

/** The agent whose logs are delivered: the stack, and the runtime's or harness's id and ARN. */
export interface LogDeliveryTarget {
  readonly stackName: string;
  readonly resourceId: string;
  readonly resourceArn: string;
}

/** AgentCore's vended log types and the stack destination each goes to (TRACES: the XRAY destination). */
const LogTypes = [
  { logType: 'APPLICATION_LOGS', kind: 'application', suffix: 'app' },
  { logType: 'USAGE_LOGS', kind: 'usage', suffix: 'usage' },
  { logType: 'TRACES', kind: 'traces', suffix: 'trace' },
] as const;

type SourceSuffix = (typeof LogTypes)[number]['suffix'];

/**
 * The delivery source name of one log type of a resource: `<stack>-<hash of the resource id>-<app|usage|trace>`
 * (names are account-wide and at most 60 characters; the id alone can be longer). Deterministic, so a retried
 * create and the teardown find what an earlier call made.
 */
export function deliverySourceName(stackName: string, resourceId: string, suffix: SourceSuffix): string {
  const hash = createHash('sha256').update(resourceId).digest('hex').slice(0, 16);
  return `${stackName}-${hash}-${suffix}`;
}

/** The two parts of an agent's delivery, set up and reported apart: its logs, and its traces. */
export type DeliveryPart = 'logs' | 'traces';

/**
 * Delivers one part of the agent's vended telemetry: `logs`, its APPLICATION_LOGS and USAGE_LOGS to the stack's
 * log destinations; `traces`, its TRACES to the stack's XRAY destination (nothing when the stack has none).
 * Idempotent, so safe to retry after any part of it landed: PutDeliverySource is an upsert, and a delivery the
 * source already has (found by DescribeDeliveries, or refused as a ConflictException by a create racing an
 * earlier one) is kept.
 */
export async function ensureAgentLogDelivery(
  logs: CloudWatchLogsClient,
  target: LogDeliveryTarget,
  destinations: AgentLogDestinations,
  part: DeliveryPart,
): Promise<void> {
  const existing = await deliveries(logs);
  for (const { logType, kind, suffix } of LogTypes) {
    if ((kind === 'traces') !== (part === 'traces')) continue;
    const destinationArn = destinations[kind]?.destinationArn;
    if (destinationArn === undefined) continue;
    const name = deliverySourceName(target.stackName, target.resourceId, suffix);
    await logs.send(new PutDeliverySourceCommand({ name, resourceArn: target.resourceArn, logType }));
    if (
      existing.some(
        (each) => each.deliverySourceName === name && each.deliveryDestinationArn === destinationArn,
      )
    ) {
      continue;
    }
    try {
      await logs.send(
        new CreateDeliveryCommand({ deliverySourceName: name, deliveryDestinationArn: destinationArn }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConflictException') throw error;
    }
  }
}

/**
 * Removes the agent's deliveries, then its delivery sources (a source with deliveries cannot be deleted), of
 * every log type, traces included whether or not the stack delivers them now. What is already gone is skipped, so
 * a retried teardown finishes the job.
 */
export async function removeAgentLogDelivery(
  logs: CloudWatchLogsClient,
  target: Omit<LogDeliveryTarget, 'resourceArn'>,
): Promise<void> {
  const names = LogTypes.map(({ suffix }) => deliverySourceName(target.stackName, target.resourceId, suffix));
  for (const delivery of await deliveries(logs)) {
    if (!names.includes(delivery.deliverySourceName ?? '') || delivery.id === undefined) continue;
    await ignoreNotFound(logs.send(new DeleteDeliveryCommand({ id: delivery.id })));
  }
  for (const name of names) await ignoreNotFound(logs.send(new DeleteDeliverySourceCommand({ name })));
}

/** Every delivery of the account (DescribeDeliveries filters nothing; agentdrop's are few per stack). */
async function deliveries(logs: CloudWatchLogsClient): Promise<Delivery[]> {
  const found: Delivery[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(new DescribeDeliveriesCommand({ ...(nextToken ? { nextToken } : {}) }));
    found.push(...(page.deliveries ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return found;
}

async function ignoreNotFound(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
}
