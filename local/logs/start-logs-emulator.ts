import type { FaultInjector } from '../faults/index.js';
import { createFaultInjector } from '../faults/index.js';
import type { AuthorizeRequest } from '../http/index.js';
import { startJsonProtocolServer } from '../http/index.js';
import { deliverVendedLogs, hasVendedDelivery, type VendedLogWriter } from './deliver-vended-logs.js';
import { deliveryArn, deliveryOperations, deliveryResourcesOf } from './delivery-operations.js';
import { DeliveryStore } from './delivery-store.js';
import { logGroupArn, logOperations } from './log-operations.js';
import { LogStore } from './log-store.js';

/** Options of {@link startLogsEmulator}. */
export interface LogsEmulatorOptions {
  /** Where events live (`<dataDir>/logs/`). */
  readonly dataDir: string;
  /** @default 'us-west-2' */
  readonly region?: string;
  /** @default '000000000000' */
  readonly accountId?: string;
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default a new injector */
  readonly faults?: FaultInjector;
  /** The local cloud's IAM, asked before each operation (see `JsonProtocolServerOptions.authorize`). @default none */
  readonly authorize?: AuthorizeRequest;
  /** Newest events kept per stream. @default {@link DefaultEventsPerStream} */
  readonly eventsPerStream?: number;
}

/** A line a service writes to a log stream. */
export interface LogLine {
  readonly message: string;
  /** @default now */
  readonly timestamp?: number;
}

/** Writes lines to one log group's stream, creating both on first use (how AWS services write their logs). */
export type LogWriter = (groupName: string, streamName: string, lines: readonly LogLine[]) => void;

/** A running CloudWatch Logs emulator. */
export interface LogsEmulator {
  readonly endpoint: string;
  readonly faults: FaultInjector;
  /** The services' own writer (Lambda, CodeBuild, AgentCore): no API call, no IAM question, as on AWS. */
  readonly write: LogWriter;
  /** The services' vended logs: to the destination of each delivery the resource's log type has, else nowhere. */
  readonly deliver: VendedLogWriter;
  /** Whether a resource's log type has a delivery now (what the service asks before producing its lines). */
  delivers(resourceArn: string, logType: string): boolean;
  /** What the stack's template makes: a log group (kept if it exists) and a delivery destination writing to it. */
  ensureDeliveryDestination(name: string, logGroupName: string): void;
  /** What the stack's template makes for agents' traces: an XRAY delivery destination. */
  ensureTraceDestination(name: string): void;
  /** Writes the events still waiting for the coalesced save to disk now, as `stop` does. */
  flush(): void;
  stop(): Promise<void>;
}

/** Operations on a stream, authorized on the stream's ARN; the others on the group's. */
const StreamOperations = new Set(['CreateLogStream', 'PutLogEvents', 'GetLogEvents']);

/**
 * Starts the CloudWatch Logs emulator (`Logs_20140328.`, JSON 1.1): the operations of {@link logOperations},
 * and a writer through which the other emulators store what AWS would log for them.
 */
export async function startLogsEmulator(options: LogsEmulatorOptions): Promise<LogsEmulator> {
  const faults = options.faults ?? createFaultInjector();
  const store = new LogStore(options.dataDir, options.eventsPerStream);
  const account = { region: options.region ?? 'us-west-2', accountId: options.accountId ?? '000000000000' };
  const deliveries = new DeliveryStore(options.dataDir, deliveryArn(account, 'delivery-destination', ''));
  const ctx = { store, deliveries, ...account, now: Date.now };
  const server = await startJsonProtocolServer({
    targetPrefix: 'Logs_20140328',
    actionPrefix: 'logs',
    faults,
    serverErrorType: 'ServiceUnavailableException',
    throttlingErrorType: 'ThrottlingException',
    ...(options.authorize ? { authorize: options.authorize } : {}),
    resourcesOf: (operation, input) => {
      const delivery = deliveryResourcesOf(ctx, operation, input);
      if (delivery !== undefined) return delivery;
      const group = input.logGroupName ?? input.logGroupIdentifier;
      if (typeof group !== 'string') return [`${logGroupArn(ctx, '*')}`];
      const name = group.replace(/^arn:[^:]+:logs:[^:]*:[^:]*:log-group:/, '').replace(/:\*$/, '');
      const stream = input.logStreamName;
      return StreamOperations.has(operation) && typeof stream === 'string'
        ? [`${logGroupArn(ctx, name)}:log-stream:${stream}`]
        : [`${logGroupArn(ctx, name)}:*`];
    },
    // Vended logs need the log-generating service's permission too (its IAM prefix is the ARN's service), and a
    // delivery to X-Ray the X-Ray resource-policy permissions AWS lists for it ("Traces sent to X-Ray").
    moreQuestionsOf: (operation, input) => {
      if (operation === 'PutDeliverySource' && typeof input.resourceArn === 'string') {
        return [
          {
            action: `${input.resourceArn.split(':')[2]}:AllowVendedLogDeliveryForResource`,
            resource: input.resourceArn,
          },
        ];
      }
      if (operation === 'CreateDelivery' && isXRayDestination(deliveries, input.deliveryDestinationArn)) {
        return ['xray:PutResourcePolicy', 'xray:ListResourcePolicies'].map((action) => ({
          action,
          resource: '*',
        }));
      }
      return [];
    },
    port: options.port ?? 0,
    operations: { ...logOperations(ctx), ...deliveryOperations(ctx) },
  });
  let stopped = false;
  return {
    endpoint: server.endpoint,
    faults,
    write: (groupName, streamName, lines) => {
      // A process that prints while the cloud stops writes nowhere (the data directory may be going away).
      if (lines.length === 0 || stopped) return;
      const now = Date.now();
      store.append(
        groupName,
        streamName,
        lines.map((line) => ({ timestamp: line.timestamp ?? now, message: line.message })),
        now,
        true,
      );
    },
    deliver: (resourceArn, logType, streamName, lines) => {
      if (lines.length === 0 || stopped) return;
      deliverVendedLogs({ store, deliveries, now: Date.now() }, { resourceArn, logType, streamName, lines });
    },
    delivers: (resourceArn, logType) => hasVendedDelivery(deliveries, resourceArn, logType),
    ensureDeliveryDestination: (name, logGroupName) => {
      if (!store.hasGroup(logGroupName)) store.createGroup(logGroupName, Date.now());
      deliveries.putDestination({
        name,
        destinationResourceArn: logGroupArn(ctx, logGroupName),
        outputFormat: 'json',
      });
    },
    ensureTraceDestination: (name) => {
      deliveries.putDestination({ name, deliveryDestinationType: 'XRAY' });
    },
    flush: () => store.flush(),
    stop: async () => {
      stopped = true;
      await server.close();
      store.flush();
    },
  };
}

function isXRayDestination(deliveries: DeliveryStore, arn: unknown): boolean {
  return typeof arn === 'string' && deliveries.destinationByArn(arn)?.deliveryDestinationType === 'XRAY';
}
