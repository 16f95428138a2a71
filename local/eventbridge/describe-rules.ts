import { ServiceError } from '../http/index.js';
import type { EventRule } from './start-eventbridge-emulator.js';

/** Where the buses and rules live, for their ARNs. */
interface Place {
  readonly region: string;
  readonly accountId: string;
}

const busArn = (place: Place, bus: string): string =>
  bus === 'default'
    ? `arn:aws:events:${place.region}:${place.accountId}:event-bus/default`
    : `arn:aws:events:${place.region}:${place.accountId}:event-bus/${bus}`;

const ruleArn = (place: Place, bus: string, name: string): string =>
  bus === 'default'
    ? `arn:aws:events:${place.region}:${place.accountId}:rule/${name}`
    : `arn:aws:events:${place.region}:${place.accountId}:rule/${bus}/${name}`;

/** ListEventBuses: every bus, filtered by `NamePrefix`, as the service shapes them. */
export function listEventBuses(buses: ReadonlySet<string>, place: Place, input: Record<string, unknown>) {
  const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
  return {
    EventBuses: [...buses]
      .filter((bus) => bus.startsWith(prefix))
      .sort()
      .map((bus) => ({ Name: bus, Arn: busArn(place, bus) })),
  };
}

/** ListRules: the named rules of a bus (`default` when none is given), filtered by `NamePrefix`. */
export function listRules(rules: Iterable<EventRule>, place: Place, input: Record<string, unknown>) {
  const bus = typeof input.EventBusName === 'string' ? input.EventBusName : 'default';
  const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
  return {
    Rules: [...rules]
      .filter(
        (rule) => rule.name !== undefined && (rule.bus ?? 'default') === bus && rule.name.startsWith(prefix),
      )
      .map((rule) => describe(rule, place)),
  };
}

/** DescribeRule: one named rule of a bus; an unknown name is ResourceNotFoundException. */
export function describeRule(rules: Iterable<EventRule>, place: Place, input: Record<string, unknown>) {
  const bus = typeof input.EventBusName === 'string' ? input.EventBusName : 'default';
  const rule = [...rules].find(
    (candidate) => candidate.name === input.Name && (candidate.bus ?? 'default') === bus,
  );
  if (!rule)
    throw new ServiceError(
      'ResourceNotFoundException',
      `Rule ${String(input.Name)} does not exist on EventBus ${bus}.`,
    );
  return describe(rule, place);
}

function describe(rule: EventRule, place: Place) {
  const bus = rule.bus ?? 'default';
  const name = rule.name ?? '';
  return {
    Name: name,
    Arn: ruleArn(place, bus, name),
    EventPattern: JSON.stringify(rule.pattern),
    State: 'ENABLED',
    ...(rule.description ? { Description: rule.description } : {}),
    EventBusName: bus,
    CreatedBy: place.accountId,
  };
}
