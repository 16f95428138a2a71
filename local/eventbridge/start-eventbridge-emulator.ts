import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FaultInjector } from '../faults/index.js';
import { createFaultInjector } from '../faults/index.js';
import type { AuthorizeRequest } from '../http/index.js';
import { ServiceError, startJsonProtocolServer } from '../http/index.js';
import { describeRule, listEventBuses, listRules } from './describe-rules.js';
import type { EventBridgeEvent, EventPattern } from './event-pattern.js';
import { matchesEventPattern } from './event-pattern.js';
import { isoSeconds } from './iso-seconds.js';

/** Options of {@link startEventBridgeEmulator}. */
export interface EventBridgeEmulatorOptions {
  /** Events are appended to `<dataDir>/events/<bus>.jsonl`. */
  readonly dataDir: string;
  /** @default 'us-west-2' */
  readonly region?: string;
  /** @default '000000000000' */
  readonly accountId?: string;
  /** Buses that exist. @default ['default', 'agentdrop'] */
  readonly buses?: readonly string[];
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default a new injector */
  readonly faults?: FaultInjector;
  /** The local cloud's IAM, asked before each operation (see `JsonProtocolServerOptions.authorize`). @default none */
  readonly authorize?: AuthorizeRequest;
  /** Called when a rule target throws. @default writes one line to stderr */
  readonly onDeliveryError?: (error: unknown, event: EventBridgeEvent, rule: EventRule) => void;
}

/** A rule: events on `bus` matching `pattern` are handed to `target` (asynchronously, after PutEvents answers). */
export interface EventRule {
  /** @default 'default' */
  readonly bus?: string;
  /** A named rule is listed by ListRules and DescribeRule, as the stack's rules are on AWS. */
  readonly name?: string;
  readonly description?: string;
  readonly pattern: EventPattern;
  readonly target: (event: EventBridgeEvent) => void | Promise<void>;
}

/** An event and the bus it was put on. */
export interface BusEvent {
  readonly bus: string;
  readonly event: EventBridgeEvent;
}

/** A running EventBridge emulator. */
export interface EventBridgeEmulator {
  readonly endpoint: string;
  readonly faults: FaultInjector;
  /** Events in arrival order: on one bus, or on every bus when `bus` is omitted. */
  events(bus?: string): readonly EventBridgeEvent[];
  /** Calls `listener` for every event stored from now on; returns the unsubscribe function. */
  onEvent(listener: (event: EventBridgeEvent, bus: string) => void): () => void;
  /** Registers a rule; returns the function that removes it. */
  addRule(rule: EventRule): () => void;
  /** Puts a complete event on a bus in-process (how AWS services such as S3 deliver theirs). */
  publish(bus: string, event: EventBridgeEvent): void;
  /** Resolves when every rule target started so far has settled. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

const maxEntries = 10;
const orderFile = 'order.log';
const maxRequestBytes = 256 * 1024;

/**
 * Starts the EventBridge emulator (`AWSEvents.`, JSON 1.1): PutEvents validates entries as the service
 * does (per-entry `ErrorCode`s, at most 10 entries, 256 KiB), stores every event in order per bus on
 * disk, and hands matching events to in-process rules; ListEventBuses, ListRules and DescribeRule show the buses
 * and the named rules.
 */
export async function startEventBridgeEmulator(
  options: EventBridgeEmulatorOptions,
): Promise<EventBridgeEmulator> {
  const region = options.region ?? 'us-west-2';
  const accountId = options.accountId ?? '000000000000';
  const faults = options.faults ?? createFaultInjector();
  const buses = new Set(options.buses ?? ['default', 'agentdrop']);
  const directory = join(options.dataDir, 'events');
  mkdirSync(directory, { recursive: true });
  const stored: BusEvent[] = loadEvents(directory);
  const listeners = new Set<(event: EventBridgeEvent, bus: string) => void>();
  const rules = new Set<EventRule>();
  const deliveries = new Set<Promise<void>>();
  const onDeliveryError =
    options.onDeliveryError ??
    ((error: unknown, event: EventBridgeEvent) =>
      process.stderr.write(
        `eventbridge rule target failed id=${event.id} error=${error instanceof Error ? error.message : String(error)}\n`,
      ));

  const publish = (bus: string, event: EventBridgeEvent): void => {
    stored.push({ bus, event });
    appendFileSync(join(directory, `${bus}.jsonl`), `${JSON.stringify(event)}\n`);
    appendFileSync(join(directory, orderFile), `${bus}\n`);
    for (const listener of listeners) listener(event, bus);
    for (const rule of rules) {
      if ((rule.bus ?? 'default') !== bus || !matchesEventPattern(rule.pattern, event)) continue;
      const delivery = Promise.resolve()
        .then(() => rule.target(event))
        .catch((error: unknown) => onDeliveryError(error, event, rule))
        .finally(() => deliveries.delete(delivery));
      deliveries.add(delivery);
    }
  };

  const server = await startJsonProtocolServer({
    targetPrefix: 'AWSEvents',
    faults,
    serverErrorType: 'InternalException',
    actionPrefix: 'events',
    ...(options.authorize ? { authorize: options.authorize } : {}),
    resourcesOf: (operation, input) => {
      const busArn = (bus: unknown) =>
        typeof bus === 'string' && bus.startsWith('arn:')
          ? bus
          : `arn:aws:events:${region}:${accountId}:event-bus/${typeof bus === 'string' ? bus : 'default'}`;
      if (operation === 'PutEvents' && Array.isArray(input.Entries)) {
        return [
          ...new Set(
            input.Entries.map((entry) => busArn((entry as { EventBusName?: unknown }).EventBusName)),
          ),
        ];
      }
      if (operation === 'DescribeRule' && typeof input.Name === 'string') {
        const bus = typeof input.EventBusName === 'string' ? input.EventBusName : 'default';
        const path = bus === 'default' ? input.Name : `${bus}/${input.Name}`;
        return [`arn:aws:events:${region}:${accountId}:rule/${path}`];
      }
      return ['*'];
    },
    port: options.port ?? 0,
    operations: {
      ListEventBuses: (input) => listEventBuses(buses, { region, accountId }, input),
      ListRules: (input) => listRules(rules, { region, accountId }, input),
      DescribeRule: (input) => describeRule(rules, { region, accountId }, input),
      PutEvents: (input) => {
        const entries = input.Entries;
        if (!Array.isArray(entries) || entries.length === 0 || entries.length > maxEntries) {
          throw new ServiceError(
            'ValidationException',
            `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${maxEntries} and greater than or equal to 1`,
          );
        }
        if (Buffer.byteLength(JSON.stringify(entries)) > maxRequestBytes) {
          throw new ServiceError(
            'ValidationException',
            'Total size of the entries in the request is over the limit.',
          );
        }
        const results = entries.map((entry: unknown) => {
          const checked = checkEntry(entry, buses, region, accountId);
          if ('ErrorCode' in checked) return checked;
          const event: EventBridgeEvent = {
            version: '0',
            id: randomUUID(),
            'detail-type': checked.detailType,
            source: checked.source,
            account: accountId,
            time: isoSeconds(checked.time ?? new Date()),
            region,
            resources: checked.resources,
            detail: checked.detail,
          };
          publish(checked.bus, event);
          return { EventId: event.id };
        });
        return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
      },
    },
  });

  return {
    endpoint: server.endpoint,
    faults,
    events: (bus) =>
      stored.filter((entry) => bus === undefined || entry.bus === bus).map((entry) => entry.event),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    addRule(rule) {
      rules.add(rule);
      return () => rules.delete(rule);
    },
    publish,
    async drain() {
      while (deliveries.size > 0) await Promise.all([...deliveries]);
    },
    async stop() {
      await server.close();
      await Promise.all([...deliveries]);
    },
  };
}

interface CheckedEntry {
  readonly bus: string;
  readonly source: string;
  readonly detailType: string;
  readonly detail: unknown;
  readonly resources: readonly string[];
  readonly time?: Date;
}

type EntryError = { readonly ErrorCode: string; readonly ErrorMessage: string };

function checkEntry(
  entry: unknown,
  buses: ReadonlySet<string>,
  region: string,
  accountId: string,
): CheckedEntry | EntryError {
  if (typeof entry !== 'object' || entry === null) return invalidArgument('Entry');
  const fields = entry as Record<string, unknown>;
  const source = fields.Source;
  const detailType = fields.DetailType;
  const detailText = fields.Detail;
  if (typeof source !== 'string' || source === '') return invalidArgument('Source');
  if (typeof detailType !== 'string' || detailType === '') return invalidArgument('DetailType');
  if (typeof detailText !== 'string' || detailText === '') return invalidArgument('Detail');
  if (source.startsWith('aws.')) {
    return {
      ErrorCode: 'NotAuthorizedForSourceException',
      ErrorMessage: `Not authorized for the source ${source}.`,
    };
  }
  let detail: unknown;
  try {
    detail = JSON.parse(detailText);
  } catch {
    detail = undefined;
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  const busField =
    typeof fields.EventBusName === 'string' && fields.EventBusName !== '' ? fields.EventBusName : 'default';
  const busArnPrefix = `arn:aws:events:${region}:${accountId}:event-bus/`;
  const bus = busField.startsWith(busArnPrefix) ? busField.slice(busArnPrefix.length) : busField;
  if (!buses.has(bus)) {
    return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${bus} does not exist.` };
  }
  const resources = Array.isArray(fields.Resources) ? fields.Resources.map(String) : [];
  const time = typeof fields.Time === 'number' ? new Date(fields.Time * 1000) : undefined;
  return { bus, source, detailType, detail, resources, ...(time !== undefined ? { time } : {}) };
}

function invalidArgument(field: string): EntryError {
  return {
    ErrorCode: 'InvalidArgument',
    ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.`,
  };
}

function loadEvents(directory: string): BusEvent[] {
  const perBus = new Map<string, EventBridgeEvent[]>();
  for (const file of readdirSync(directory)) {
    if (!file.endsWith('.jsonl')) continue;
    const lines = readFileSync(join(directory, file), 'utf8').split('\n');
    perBus.set(
      file.slice(0, -'.jsonl'.length),
      lines.filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as EventBridgeEvent),
    );
  }
  // The order file lists the bus of each event in arrival order, which restores the order across buses.
  const order = existsSync(join(directory, orderFile))
    ? readFileSync(join(directory, orderFile), 'utf8').split('\n')
    : [];
  const events: BusEvent[] = [];
  for (const bus of order) {
    const event = perBus.get(bus)?.shift();
    if (event !== undefined) events.push({ bus, event });
  }
  for (const [bus, rest] of perBus) for (const event of rest) events.push({ bus, event });
  return events;
}
